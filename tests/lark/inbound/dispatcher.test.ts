import { describe, expect, it } from 'vitest';
import type { Inbound } from '../../../src/bot/inbound.js';
import { cardActionEvent, messageReceiveEvent } from '../../../src/emulator/events.js';
import { createEventDispatcher } from '../../../src/lark/inbound/dispatcher.js';
import { memoryClaims } from '../../helpers/lark-claims.js';
import { silentLogger } from '../../helpers/lark-log.js';
import { TEST_APP_ID } from '../../helpers/lark-stand-in.js';

const BOT = 'ou_bot';

function setup() {
  const claims = memoryClaims();
  const received: Inbound[] = [];
  const dispatcher = createEventDispatcher({
    botOpenId: BOT,
    claimOnce: claims.claimOnce,
    onMessage: async (inbound) => void received.push(inbound),
    onCardAction: async (action) => ({
      toast: { type: 'success', content: `clicked ${String(action.value.item)}` },
    }),
    logger: silentLogger,
  });
  return { dispatcher, received, claims };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the shared dispatcher, invoked the way the long connection does', () => {
  it('takes a plain v2 event, dedupes it, and hands the bot one Inbound', async () => {
    const { dispatcher, received } = setup();
    const event = messageReceiveEvent({
      appId: TEST_APP_ID,
      token: 't',
      eventId: 'ev_ws',
      messageId: 'om_ws',
      chatId: 'oc_1',
      senderOpenId: 'ou_alice',
      text: '@_user_1 我是谁',
      mentions: [{ openId: BOT, name: 'duban' }],
    });
    expect(await dispatcher.invoke(structuredClone(event), { needCheck: false })).toEqual({});
    await dispatcher.invoke(structuredClone(event), { needCheck: false });
    await tick();
    expect(received.map((m) => [m.eventId, m.text])).toEqual([['ev_ws', '我是谁']]);
  });

  it('answers a card click with the handler’s toast', async () => {
    const { dispatcher } = setup();
    const click = cardActionEvent({
      appId: TEST_APP_ID,
      token: 't',
      operatorOpenId: 'ou_alice',
      value: { item: '8.4' },
      messageId: 'om_card',
      chatId: 'oc_1',
    });
    expect(await dispatcher.invoke(click, { needCheck: false })).toEqual({
      toast: { type: 'success', content: 'clicked 8.4' },
    });
  });
});
