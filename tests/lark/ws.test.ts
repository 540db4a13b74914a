import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardAction, Inbound } from '../../src/bot/inbound.js';
import { cardActionEvent, messageReceiveEvent } from '../../src/emulator/events.js';
import type { LongConnectionConfig } from '../../src/emulator/long-connection/hub.js';
import { type ClaimOnce, createEventDispatcher } from '../../src/lark/inbound/dispatcher.js';
import { type LongConnection, startLongConnection } from '../../src/lark/ws.js';
import { memoryClaims } from '../helpers/lark-claims.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import {
  ALICE,
  BOT_OPEN_ID,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';

/** Retries at once, so a cut socket is reopened within the test. */
const QUICK_RETRIES: Partial<LongConnectionConfig> = {
  reconnectNonceSeconds: 0,
  reconnectIntervalSeconds: 0.05,
};

/** duban's dispatcher with recording handlers: what reaches the bot over the socket. */
function recordingDispatcher(options: { claimOnce?: ClaimOnce; logger?: Logger } = {}) {
  const messages: Inbound[] = [];
  const actions: CardAction[] = [];
  let heard: (inbound: Inbound) => void = () => {};
  const dispatcher = createEventDispatcher({
    botOpenId: BOT_OPEN_ID,
    claimOnce: options.claimOnce ?? memoryClaims().claimOnce,
    onMessage: async (inbound) => {
      messages.push(inbound);
      heard(inbound);
    },
    onCardAction: async (action) => {
      actions.push(action);
      return { toast: { type: 'success', content: '已记录完成' } };
    },
    logger: options.logger ?? silentLogger,
  });
  const nextMessage = () => new Promise<Inbound>((resolve) => (heard = resolve));
  return { dispatcher, messages, actions, nextMessage };
}

function question(messageId: string, text: string, eventId?: string) {
  return messageReceiveEvent({
    appId: TEST_APP_ID,
    token: '',
    messageId,
    chatId: GROUP_CHAT,
    senderOpenId: ALICE.openId,
    text: `@_user_1 ${text}`,
    mentions: [{ openId: BOT_OPEN_ID, name: '督办' }],
    ...(eventId ? { eventId } : {}),
  });
}

describe('startLongConnection', () => {
  let running: RunningStandIn | undefined;
  const connections: LongConnection[] = [];
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await running?.close();
    running = undefined;
  });

  /** duban's long connection to the stand-in, once the stand-in holds its socket. */
  async function connect(
    dispatcher: ReturnType<typeof recordingDispatcher>['dispatcher'],
    options: { appSecret?: string; logger?: Logger; pingTimeoutSeconds?: number } = {},
  ) {
    const hub = running!.standIn.longConnection;
    const before = hub.connectionsNow().filter((c) => c.ready).length;
    const connection = startLongConnection({
      appId: TEST_APP_ID,
      appSecret: options.appSecret ?? TEST_APP_SECRET,
      domain: running!.url,
      dispatcher,
      logger: options.logger ?? silentLogger,
      ...(options.pingTimeoutSeconds ? { pingTimeoutSeconds: options.pingTimeoutSeconds } : {}),
    });
    connections.push(connection);
    if (options.appSecret === undefined) await hub.waitForConnections(before + 1);
    return connection;
  }

  it('refuses an app id the SDK would silently ignore', () => {
    const { dispatcher } = recordingDispatcher();
    expect(() =>
      startLongConnection({ appId: 'my-app', appSecret: 's', dispatcher, logger: silentLogger }),
    ).toThrow(/LARK_EVENT_MODE=ws needs LARK_APP_ID like cli_/);
  });

  it('connects through the endpoint Lark names and says so', async () => {
    running = await startStandIn();
    const { logger, lines } = captureLogger();
    const connection = await connect(recordingDispatcher().dispatcher, { logger });
    expect(running.standIn.state.responses.filter((r) => r.path === '/callback/ws/endpoint')).toEqual([
      expect.objectContaining({ code: 0 }),
    ]);
    await vi.waitFor(() => expect(connection.connected()).toBe(true));
    expect(lines.join('\n')).toContain('lark long connection open');
    connection.close();
    expect(connection.connected()).toBe(false);
  });

  it('hands a message to the bot once, though Lark delivers it twice', async () => {
    running = await startStandIn();
    const bot = recordingDispatcher();
    await connect(bot.dispatcher);
    const heard = bot.nextMessage();
    const first = await running.standIn.controls.deliverOverLongConnection(
      question('om_ws_1', '8.4', 'ev-1'),
    );
    expect(first).toMatchObject({ code: 200, data: {} });
    expect((await heard).text).toBe('8.4');
    // Lark's redelivery of the same message comes under a new event id.
    const again = await running.standIn.controls.deliverOverLongConnection(
      question('om_ws_1', '8.4', 'ev-2'),
    );
    expect(again).toMatchObject({ code: 200, data: {} });
    expect(bot.messages.map((m) => m.messageId)).toEqual(['om_ws_1']);
  });

  it('joins an event Lark split across frames', async () => {
    running = await startStandIn();
    const bot = recordingDispatcher();
    await connect(bot.dispatcher);
    const heard = bot.nextMessage();
    const answer = await running.standIn.controls.deliverOverLongConnection(
      question('om_ws_split', '代理记账机构检查是哪个科室负责'),
      { fragments: 5 },
    );
    // The SDK answers with the frame that completed the event.
    expect(answer.headers).toMatchObject({ sum: '5', seq: '4' });
    expect((await heard).text).toBe('代理记账机构检查是哪个科室负责');
  });

  it('answers a card click with the handler’s toast', async () => {
    running = await startStandIn();
    const bot = recordingDispatcher();
    await connect(bot.dispatcher);
    const click = cardActionEvent({
      appId: TEST_APP_ID,
      token: '',
      operatorOpenId: ALICE.openId,
      value: { action: 'confirm', occurrenceId: '8.4/m1/2023' },
      messageId: 'om_card_ws',
      chatId: GROUP_CHAT,
    });
    const answer = await running.standIn.controls.deliverOverLongConnection(click);
    expect(answer).toMatchObject({ code: 200, data: { toast: { type: 'success', content: '已记录完成' } } });
    expect(bot.actions).toEqual([
      expect.objectContaining({ operatorOpenId: ALICE.openId, chatId: GROUP_CHAT }),
    ]);
  });

  it('answers 500 when the dedupe store fails, so Lark delivers the event again', async () => {
    running = await startStandIn();
    const bot = recordingDispatcher({
      claimOnce: async () => {
        throw new Error('store unreachable');
      },
    });
    await connect(bot.dispatcher);
    const answer = await running.standIn.controls.deliverOverLongConnection(question('om_ws_down', '进度'));
    expect(answer.code).toBe(500);
    expect(bot.messages).toEqual([]);
  });

  it('gives up loudly when Lark refuses the app secret', async () => {
    running = await startStandIn();
    const { logger, lines } = captureLogger();
    await connect(recordingDispatcher().dispatcher, { appSecret: 'not-the-secret', logger });
    await vi.waitFor(() => expect(lines.join('\n')).toContain('lark long connection gave up'));
    expect(running.standIn.longConnection.connectionsNow()).toEqual([]);
    expect(lines.join('\n')).not.toContain('not-the-secret');
  });

  it('reopens a socket Lark cuts, and the next event arrives on the new one', async () => {
    running = await startStandIn({ longConnection: QUICK_RETRIES });
    const hub = running.standIn.longConnection;
    const bot = recordingDispatcher();
    await connect(bot.dispatcher);
    const [cut] = hub.connectionsNow();
    hub.drop(cut!.id);
    await hub.waitUntil(
      () => hub.connectionsNow().some((c) => c.ready && c.id !== cut!.id),
      5_000,
      'a new socket',
    );
    const heard = bot.nextMessage();
    const answer = await running.standIn.controls.deliverOverLongConnection(question('om_ws_after', '逾期'));
    expect(answer.connectionId).not.toBe(cut!.id);
    expect((await heard).messageId).toBe('om_ws_after');
  });

  it('reopens a socket whose pongs stopped, after the ping timeout', async () => {
    // Pings far apart, a short timeout: the watchdog only fires when it is shorter than the interval.
    running = await startStandIn({ longConnection: { ...QUICK_RETRIES, pingIntervalSeconds: 0.2 } });
    const hub = running.standIn.longConnection;
    await connect(recordingDispatcher().dispatcher, { pingTimeoutSeconds: 0.05 });
    const [silent] = hub.connectionsNow();
    hub.answerPings = false;
    await hub.waitUntil(() => hub.connectionsNow().some((c) => c.id !== silent!.id), 5_000, 'a new socket');
    hub.answerPings = true;
    expect(hub.connectionsNow().map((c) => c.id)).not.toContain(silent!.id);
  });

  it('shares events between two replicas, and a message given to both is handled once', async () => {
    running = await startStandIn();
    const claims = memoryClaims();
    const [a, b] = [recordingDispatcher(claims), recordingDispatcher(claims)];
    await connect(a.dispatcher);
    await connect(b.dispatcher);
    const deliver = running.standIn.controls.deliverOverLongConnection;
    const answers = [];
    for (const id of ['om_r1', 'om_r2', 'om_r3', 'om_r4']) answers.push(await deliver(question(id, '帮助')));
    // Lark gives each event to one client: here in turn.
    expect(new Set(answers.map((x) => x.connectionId)).size).toBe(2);
    await vi.waitFor(() => expect(a.messages.length + b.messages.length).toBe(4));
    expect([a.messages.length, b.messages.length]).toEqual([2, 2]);
    // The same message redelivered to the other replica: the shared claim lets one through.
    const [first, second] = running.standIn.longConnection.connectionsNow();
    await deliver(question('om_both', '帮助', 'ev-a'), { connectionId: first!.id });
    await deliver(question('om_both', '帮助', 'ev-b'), { connectionId: second!.id });
    await vi.waitFor(() =>
      expect([...a.messages, ...b.messages].some((m) => m.messageId === 'om_both')).toBe(true),
    );
    expect([...a.messages, ...b.messages].filter((m) => m.messageId === 'om_both')).toHaveLength(1);
  });
});
