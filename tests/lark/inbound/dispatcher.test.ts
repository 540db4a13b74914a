import { describe, expect, it, vi } from 'vitest';
import type { Inbound } from '../../../src/bot/inbound.js';
import { cardActionEvent, messageReceiveEvent } from '../../../src/emulator/events.js';
import { createEventDispatcher, type MessageOutcome } from '../../../src/lark/inbound/dispatcher.js';
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

/** One delivery of "完成 8.4" to the bot: a new event id for the same message, as Lark redelivers. */
const confirmDelivery = (eventId: string, messageId: string) =>
  messageReceiveEvent({
    appId: TEST_APP_ID,
    token: 't',
    eventId,
    messageId,
    chatId: 'oc_1',
    senderOpenId: 'ou_alice',
    text: '@_user_1 完成 8.4',
    mentions: [{ openId: BOT, name: 'duban' }],
  });

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

  it('gives the claim back when a message was not answered, so its redelivery is handled', async () => {
    const claims = memoryClaims();
    const outcomes: MessageOutcome[] = ['apologised', 'unanswered', 'answered'];
    const handled: string[] = [];
    const dispatcher = createEventDispatcher({
      botOpenId: BOT,
      claimOnce: claims.claimOnce,
      releaseClaim: claims.releaseClaim,
      onMessage: async (inbound) => {
        handled.push(inbound.eventId);
        return outcomes.shift();
      },
      onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
      logger: silentLogger,
    });
    const delivery = (n: number) => confirmDelivery(`ev_try${n}`, 'om_same');
    for (let n = 1; n <= 4; n++) {
      await dispatcher.invoke(delivery(n), { needCheck: false });
      await tick();
      await tick();
    }
    // Apologised, then unanswered: each time the next delivery is handled; once answered, no more.
    expect(handled).toEqual(['ev_try1', 'ev_try2', 'ev_try3']);
  });

  it('gives back a claim the store may have written before it failed, so Lark’s retry is handled', async () => {
    vi.useFakeTimers();
    try {
      const claims = memoryClaims();
      let storeDown = true;
      let releasesTried = 0;
      const handled: string[] = [];
      const dispatcher = createEventDispatcher({
        botOpenId: BOT,
        // The cut came after Redis applied the SET but before its reply arrived.
        claimOnce: async (key, ttl) => {
          const first = await claims.claimOnce(key, ttl);
          if (storeDown) throw new Error('Redis is unavailable: Connection is closed.');
          return first;
        },
        releaseClaim: async (key) => {
          releasesTried++;
          if (storeDown) throw new Error('Redis is unavailable');
          await claims.releaseClaim(key);
        },
        onMessage: async (inbound) => {
          handled.push(inbound.eventId);
          return 'answered';
        },
        onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
        logger: silentLogger,
      });
      const delivery = (n: number) => confirmDelivery(`ev_cut${n}`, 'om_cut');
      await expect(dispatcher.invoke(delivery(1), { needCheck: false })).rejects.toThrow(/unavailable/);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(releasesTried).toBeGreaterThan(1);
      storeDown = false;
      await vi.advanceTimersByTimeAsync(600);
      await dispatcher.invoke(delivery(2), { needCheck: false });
      await vi.advanceTimersByTimeAsync(10);
      expect(handled).toEqual(['ev_cut2']);
    } finally {
      vi.useRealTimers();
    }
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
