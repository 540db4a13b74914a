import { afterEach, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { messageUuid } from '../../src/lark/outbox/message-uuid.js';
import {
  CONTENT_LIMIT_BYTES,
  createOutbox,
  OUTBOX_LIMITS,
  type Outbox,
  type OutboxOptions,
} from '../../src/lark/outbox.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import {
  ALICE,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';
import { VirtualTime } from './virtual-time.js';

let running: RunningStandIn | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const OTHER_CHAT = 'oc_other0000000000000000000000002';

interface Rig {
  running: RunningStandIn;
  outbox: Outbox;
  time: VirtualTime;
  /** The moment the rig started: every instant below is relative to it. */
  t0: number;
  /** Drives virtual time until `work` settles. */
  go: <T>(work: Promise<T>) => Promise<T>;
}

/**
 * The real SDK against the stand-in, both on one virtual clock: requests take no virtual time,
 * and time moves only to the outbox's next timer while nothing is in flight — so every instant
 * the stand-in records is exactly the one the outbox chose, however loaded the machine.
 * `random` is fixed at 0.5: backoff is then 3/4 of its nominal value, jitter 125 ms.
 */
function rig(options: Partial<OutboxOptions> = {}): Promise<Rig> {
  return rigWith(new VirtualTime(), options);
}

/** Round numbers: one send per 20 ms for the app, one per 250 ms per chat, no bursts. */
const PLAIN_LIMITS = { appPerSecond: 50, appBurst: 1, lanePerSecond: 4, laneBurst: 1 };

const card = (content: string) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: '8.4' }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content }] },
});

const text = (chatId: string, body: string, key = body) =>
  ({ chatId, msgType: 'text', content: { text: body }, key }) as const;

const sendResponses = (r: RunningStandIn) =>
  r.standIn.state.responses.filter((x) => x.path.startsWith('/open-apis/im/v1/messages'));

/** When each message was recorded, relative to t0, keyed by its text. */
const instants = (r: RunningStandIn, t0: number) =>
  Object.fromEntries(
    r.standIn.state.messages.map((m) => [
      (m.content as { text?: string }).text ?? m.messageId,
      m.createTime - t0,
    ]),
  );

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error as LarkApiError,
  );

describe('outbox: sending', () => {
  it('sends, replies and patches through the real SDK', async () => {
    const { running, outbox, go } = await rig();
    const question = running.standIn.controls.addUserMessage({
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      text: '8.4',
    });
    const sent = await go(outbox.send(text(GROUP_CHAT, '早上好', 'greeting')));
    const replied = await go(
      outbox.reply({
        messageId: question.messageId,
        chatId: GROUP_CHAT,
        msgType: 'interactive',
        content: card('未完成'),
        key: `answer:${question.messageId}`,
      }),
    );
    await go(outbox.patch({ messageId: replied.messageId, content: card('已完成') }));
    const dm = await go(
      outbox.send({ openId: ALICE.openId, msgType: 'text', content: '{"text":"私信"}', key: 'dm' }),
    );

    const { state } = running.standIn;
    expect(state.message(sent.messageId)).toMatchObject({
      chatId: GROUP_CHAT,
      content: { text: '早上好' },
      uuid: messageUuid('greeting'),
    });
    expect(state.message(replied.messageId)).toMatchObject({
      parentId: question.messageId,
      updates: 1,
      content: { body: { elements: [{ content: '已完成' }] } },
    });
    expect(state.message(dm.messageId)?.chatType).toBe('p2p');
    expect(outbox.counters()).toMatchObject({ enqueued: 4, delivered: 4, retries: 0, failed: 0 });
    expect(outbox.depth()).toBe(0);
  });

  it('derives a deterministic uuid within Lark’s 50 characters, so a repeated key sends once', async () => {
    const { running, outbox, go } = await rig();
    const long = `reminder:${'8.4/m2/2023-Q3:'.repeat(20)}`;
    expect(messageUuid(long)).toBe(messageUuid(long));
    expect(messageUuid(long).length).toBeLessThanOrEqual(50);
    expect(messageUuid('a')).not.toBe(messageUuid('b'));
    const first = await go(outbox.send(text(GROUP_CHAT, '提醒', long)));
    const again = await go(outbox.send(text(GROUP_CHAT, '提醒', long)));
    expect(again.messageId).toBe(first.messageId);
    expect(running.standIn.state.messages).toHaveLength(1);
  });

  it('refuses a send with both or neither of chatId and openId', async () => {
    const { outbox } = await rig();
    await expect(outbox.send({ msgType: 'text', content: { text: 'x' }, key: 'k' })).rejects.toThrow(
      /exactly one of chatId and openId/,
    );
    await expect(
      outbox.send({
        chatId: GROUP_CHAT,
        openId: ALICE.openId,
        msgType: 'text',
        content: { text: 'x' },
        key: 'k',
      }),
    ).rejects.toThrow(/exactly one/);
    await expect(outbox.send(text(GROUP_CHAT, 'x', ''))).rejects.toThrow(/non-empty logical key/);
  });
});

describe('outbox: pacing on the virtual clock', () => {
  it('takes turns across chats and spaces each chat exactly by its limit', async () => {
    const { running, outbox, t0, go } = await rig({
      limits: { appPerSecond: 10, appBurst: 1, lanePerSecond: 2, laneBurst: 1 },
    });
    const third = 'oc_third0000000000000000000000003';
    running.standIn.controls.addChat({ chatId: third, name: '第三' });
    const sends = [GROUP_CHAT, OTHER_CHAT, third].flatMap((chatId, c) =>
      [1, 2].map((n) => outbox.send(text(chatId, `${'ABC'[c]}${n}`))),
    );
    expect(outbox.depth()).toBe(6);
    await go(Promise.all(sends));
    // App: one per 100 ms. Chat: one per 500 ms. Lanes take turns, each in its own order.
    expect(instants(running, t0)).toEqual({ A1: 0, B1: 100, C1: 200, A2: 500, B2: 600, C2: 700 });
  });

  it('keeps order within a chat and stays under Lark’s limits with the shipped limits', async () => {
    const { running, outbox, go } = await rig({ limits: OUTBOX_LIMITS });
    const chats = Array.from({ length: 12 }, (_, i) => `oc_bulk_${i}`);
    for (const chatId of chats) running.standIn.controls.addChat({ chatId, name: chatId });
    const sends = [
      ...Array.from({ length: 8 }, (_, i) => outbox.send(text(GROUP_CHAT, `#${i}`, `ordered:${i}`))),
      ...Array.from({ length: 60 }, (_, i) => outbox.send(text(chats[i % 12]!, `bulk ${i}`, `bulk:${i}`))),
    ];
    expect(outbox.depth()).toBe(68);
    await go(Promise.all(sends));
    expect(await go(outbox.drain(1000))).toBe(true);

    const { state } = running.standIn;
    expect(state.messages).toHaveLength(68);
    expect(state.countCode(99991400) + state.countCode(230020)).toBe(0);
    const ordered = state.messages.filter((m) => m.chatId === GROUP_CHAT);
    expect(ordered.map((m) => (m.content as { text: string }).text)).toEqual(
      Array.from({ length: 8 }, (_, i) => `#${i}`),
    );
    // Per chat: at least 250 ms apart (4/s); more where the app budget (47/s) is the tighter limit.
    for (const chatId of [GROUP_CHAT, ...chats]) {
      const times = state.messages.filter((m) => m.chatId === chatId).map((m) => m.createTime);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
    }
    // App: no 1000 ms window (Lark's: (t - 1000, t]) holds more than 48.
    const all = state.messages.map((m) => m.createTime);
    for (const at of all) expect(all.filter((t) => t > at - 1000 && t <= at).length).toBeLessThanOrEqual(48);
  });
});

describe('outbox: rate limits', () => {
  it('waits out a 429 exactly as long as x-ogw-ratelimit-reset says, plus jitter', async () => {
    const { running, outbox, go } = await rig();
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 3 });
    await go(outbox.send(text(GROUP_CHAT, 'x', 'k429')));
    const [limited, accepted] = sendResponses(running);
    expect(limited).toMatchObject({ status: 429, code: 99991400 });
    expect(accepted).toMatchObject({ status: 200, code: 0 });
    expect(accepted!.at - limited!.at).toBe(3000 + 125);
    expect(outbox.counters()).toMatchObject({ rateLimited: 1, retries: 1, delivered: 1 });
  });

  it('caps the pause at 10 s when Lark asks for 20 s', async () => {
    const { running, outbox, go } = await rig();
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 20 });
    await go(outbox.send(text(GROUP_CHAT, 'x', 'k429')));
    const [limited, accepted] = sendResponses(running);
    expect(limited!.code).toBe(99991400);
    expect(accepted!.at - limited!.at).toBe(10_000);
  });

  it('honours a smaller cap when configured', async () => {
    const { running, outbox, go } = await rig({ maxRateLimitPauseMs: 1500 });
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 20 });
    await go(outbox.send(text(GROUP_CHAT, 'x', 'k429')));
    const [limited, accepted] = sendResponses(running);
    expect(accepted!.at - limited!.at).toBe(1500);
  });

  it('an app-wide 99991400 holds every chat until the (capped) pause ends', async () => {
    const { running, outbox, t0, go } = await rig({ limits: PLAIN_LIMITS });
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 20 });
    const a = outbox.send(text(GROUP_CHAT, 'A'));
    const b = outbox.send(text(OTHER_CHAT, 'B'));
    await go(Promise.all([a, b]));
    expect(sendResponses(running).map((r) => [r.code, r.at - t0])).toEqual([
      [99991400, 0],
      // B would have gone at 20 ms; it waits with A for the app budget, then A, then B 20 ms on.
      [0, 10_000],
      [0, 10_020],
    ]);
    expect(instants(running, t0)).toEqual({ A: 10_000, B: 10_020 });
  });

  it('a per-chat 230020 holds only that chat: the other chat goes on at once', async () => {
    const { running, outbox, t0, go } = await rig({ limits: PLAIN_LIMITS });
    running.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230020 });
    const a = outbox.send(text(GROUP_CHAT, 'A'));
    const b = outbox.send(text(OTHER_CHAT, 'B'));
    await go(Promise.all([a, b]));
    // A's backoff after one failure: 500 ms nominal → 250 + 0.5 × 250 = 375 ms.
    expect(instants(running, t0)).toEqual({ B: 20, A: 375 });
    expect(outbox.counters()).toMatchObject({ chatRateLimited: 1, rateLimited: 0, delivered: 2 });
  });

  it('a chat over Lark’s own 5/s meets 230020 and only that chat is slowed', async () => {
    // The outbox allows 8/s per chat here, the stand-in 5/s: the stand-in's real limit answers.
    const { running, outbox, t0, go } = await rig({
      limits: { appPerSecond: 50, appBurst: 1, lanePerSecond: 8, laneBurst: 1 },
    });
    const busy = Array.from({ length: 8 }, (_, i) => outbox.send(text(GROUP_CHAT, `g${i}`)));
    const other = Array.from({ length: 4 }, (_, i) => outbox.send(text(OTHER_CHAT, `o${i}`)));
    await go(Promise.all([...busy, ...other]));
    const { state } = running.standIn;
    expect(state.countCode(230020)).toBeGreaterThan(0);
    const at = instants(running, t0);
    // The other chat is paced by its own lane only (125 ms), never by the busy chat's 230020s.
    expect([0, 1, 2, 3].map((i) => at[`o${i}`])).toEqual([20, 145, 270, 395]);
    const busyTimes = Array.from({ length: 8 }, (_, i) => at[`g${i}`]!);
    expect([...busyTimes].sort((x, y) => x - y)).toEqual(busyTimes);
    for (const t of busyTimes)
      expect(busyTimes.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(5);
  });
});

describe('outbox: retries', () => {
  it('retries 5xx with growing backoff and delivers', async () => {
    const { running, outbox, go } = await rig();
    running.standIn.controls.failNext(2, { kind: 'server', status: 502 });
    const sent = await go(outbox.send(text(GROUP_CHAT, 'x', 'k5xx')));
    expect(running.standIn.state.message(sent.messageId)).toBeDefined();
    const times = sendResponses(running).map((r) => r.at);
    expect([times[1]! - times[0]!, times[2]! - times[1]!]).toEqual([375, 750]);
    expect(outbox.counters()).toMatchObject({ serverErrors: 2, retries: 2, delivered: 1 });
  });

  it('gives up on 5xx after maxAttempts with a retryable LarkApiError', async () => {
    const { running, outbox, go } = await rig({ maxAttempts: 3 });
    running.standIn.controls.failNext(10, { kind: 'server' });
    const failure = await go(failureOf(outbox.send(text(GROUP_CHAT, 'x', 'k'))));
    expect(failure).toBeInstanceOf(LarkApiError);
    expect(failure).toMatchObject({ larkCode: 1500, retryable: true });
    expect(failure.verdict.kind).toBe('server');
    expect(sendResponses(running)).toHaveLength(3);
    expect(outbox.counters().failedByCode).toEqual({ '1500': 1 });
  });

  it('fetches a new tenant token once when the cached one has expired', async () => {
    const { running, outbox, time, go } = await rig();
    await go(outbox.send(text(GROUP_CHAT, 'before')));
    time.advance(2 * 60 * 60 * 1000 + 1000);
    await go(outbox.send(text(GROUP_CHAT, 'after')));
    const tokenCalls = running.standIn.state.responses.filter((r) =>
      r.path.endsWith('/tenant_access_token/internal'),
    );
    expect(tokenCalls).toHaveLength(2);
    expect(sendResponses(running).map((r) => r.code)).toEqual([0, 99991663, 0]);
    expect(outbox.counters()).toMatchObject({ tokenRefreshes: 1, delivered: 2 });
  });
});

describe('outbox: permanent failures reject the send with a typed error', () => {
  it('a token rejected twice rejects that send (not retryable) and the outbox carries on', async () => {
    const { running, outbox, go } = await rig();
    running.standIn.controls.failNext(2, { kind: 'token-invalid' });
    const failure = await go(failureOf(outbox.send(text(GROUP_CHAT, 'x', 'k'))));
    expect(failure).toBeInstanceOf(LarkApiError);
    expect(failure).toMatchObject({ larkCode: 99991663, retryable: false });
    expect(failure.verdict.kind).toBe('token-invalid');
    expect(sendResponses(running)).toHaveLength(2);
    // Nothing crashed: the next message goes out with the refreshed token.
    const next = await go(outbox.send(text(GROUP_CHAT, 'y', 'k2')));
    expect(running.standIn.state.message(next.messageId)).toBeDefined();
    expect(outbox.counters()).toMatchObject({ tokenRefreshes: 1, failed: 1, delivered: 1 });
  });

  it('230002 (bot not in chat): one request, logged, counted, rejected', async () => {
    const { logger, lines } = captureLogger();
    const { running, outbox, go } = await rig({ logger });
    running.standIn.controls.setBotInChat(GROUP_CHAT, false);
    const failure = await go(failureOf(outbox.send(text(GROUP_CHAT, 'x', 'k'))));
    expect(failure).toBeInstanceOf(LarkApiError);
    expect(failure).toMatchObject({ larkCode: 230002, retryable: false });
    expect(failure.verdict).toMatchObject({ kind: 'permanent', code: 230002, httpStatus: 400 });
    expect(sendResponses(running)).toHaveLength(1);
    expect(outbox.counters()).toMatchObject({ failed: 1, failedByCode: { '230002': 1 }, retries: 0 });
    expect(lines.join('\n')).toMatch(/"code":230002.*lark message given up/);
  });

  it('230099 (a card Lark cannot read) is rejected from the stand-in’s own check, not retried', async () => {
    const { running, outbox, go } = await rig();
    const bad = { schema: '1.0', body: { elements: [] } };
    const failure = await go(
      failureOf(outbox.send({ chatId: GROUP_CHAT, msgType: 'interactive', content: bad, key: 'bad' })),
    );
    expect(failure).toMatchObject({ larkCode: 230099, retryable: false });
    expect(failure.message).toMatch(/card schema must be "2.0"/);
    expect(sendResponses(running)).toHaveLength(1);
  });

  it('230025 from Lark (content too large) is rejected, not retried', async () => {
    const { running, outbox, go } = await rig();
    running.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230025 });
    const failure = await go(failureOf(outbox.send(text(GROUP_CHAT, 'x'))));
    expect(failure).toMatchObject({ larkCode: 230025, retryable: false });
    expect(sendResponses(running)).toHaveLength(1);
  });
});

describe('outbox: content over Lark’s size limit is refused before sending', () => {
  /** A valid card whose content JSON is exactly `bytes` bytes long. */
  const cardOfBytes = (bytes: number, fill = 'x') => {
    const base = Buffer.byteLength(JSON.stringify(card('')));
    const unit = Buffer.byteLength(fill);
    const c = card(fill.repeat(Math.floor((bytes - base) / unit)));
    const short = bytes - Buffer.byteLength(JSON.stringify(c));
    c.body.elements[0]!.content += 'x'.repeat(short);
    expect(Buffer.byteLength(JSON.stringify(c))).toBe(bytes);
    return c;
  };
  const LIMIT = 30 * 1024;

  it('sends a card of exactly 30 KB and refuses one byte more, without a request', async () => {
    const { logger, lines } = captureLogger();
    const { running, outbox, go } = await rig({ logger });
    expect(CONTENT_LIMIT_BYTES.interactive).toBe(LIMIT);
    const fits = await go(
      outbox.send({ chatId: GROUP_CHAT, msgType: 'interactive', content: cardOfBytes(LIMIT), key: 'fits' }),
    );
    expect(running.standIn.state.message(fits.messageId)).toBeDefined();
    const requestsBefore = sendResponses(running).length;

    const failure = await failureOf(
      outbox.send({
        chatId: GROUP_CHAT,
        msgType: 'interactive',
        content: cardOfBytes(LIMIT + 1),
        key: 'big',
      }),
    );
    expect(failure).toBeInstanceOf(LarkApiError);
    expect(failure).toMatchObject({ larkCode: 230025, retryable: false });
    expect(failure.message).toMatch(/card is too large: 30721 bytes/);
    expect(sendResponses(running)).toHaveLength(requestsBefore);
    expect(outbox.counters()).toMatchObject({ failed: 1, failedByCode: { '230025': 1 }, enqueued: 1 });
    expect(lines.join('\n')).toMatch(/"code":230025.*lark message refused before sending/);
  });

  it('measures bytes, not characters: 10,300 汉字 are 30,900 bytes', async () => {
    const { running, outbox } = await rig();
    const big = card('督'.repeat(10_300));
    expect(JSON.stringify(big).length).toBeLessThan(LIMIT);
    const replyFailure = await failureOf(
      outbox.reply({ messageId: 'om_x', chatId: GROUP_CHAT, msgType: 'interactive', content: big, key: 'r' }),
    );
    expect(replyFailure).toMatchObject({ larkCode: 230025, retryable: false });
    const patchFailure = await failureOf(outbox.patch({ messageId: 'om_x', content: JSON.stringify(big) }));
    expect(patchFailure).toMatchObject({ larkCode: 230025 });
    expect(sendResponses(running)).toHaveLength(0);
  });

  it('text may be larger than a card (150 KB)', async () => {
    const { running, outbox, go } = await rig();
    const long = 'x'.repeat(40 * 1024);
    const sent = await go(outbox.send(text(GROUP_CHAT, long, 'long')));
    expect(running.standIn.state.message(sent.messageId)).toBeDefined();
    await expect(outbox.send(text(GROUP_CHAT, 'x'.repeat(150 * 1024), 'too long'))).rejects.toMatchObject({
      larkCode: 230025,
    });
  });
});

describe('outbox: drain', () => {
  it('reports false when the queue does not empty in time, true once it has', async () => {
    const { running, outbox, t0, time, go } = await rig();
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 60 });
    const sent = outbox.send(text(GROUP_CHAT, 'x', 'k'));
    expect(await go(outbox.drain(50))).toBe(false);
    expect(time.now() - t0).toBe(50);
    expect(outbox.depth()).toBe(1);
    expect(await go(outbox.drain(60_000))).toBe(true);
    // Resent when the 10 s cap ran out, not after Lark's 60 s.
    expect(time.now() - t0).toBe(10_000);
    await sent;
  });
});

describe('outbox: the shared send budget failing', () => {
  it('sends every queued message on its own limits while sharedSlot throws, and uses it again once it answers', async () => {
    const { logger, lines } = captureLogger();
    const time = new VirtualTime();
    const t0 = time.now();
    const calls: Array<{ at: number; ok: boolean }> = [];
    const sharedSlot = async (_lane: string) => {
      const at = time.now() - t0;
      // Redis down for the first second, then back.
      const ok = at >= 1000;
      calls.push({ at, ok });
      if (!ok) throw new Error('Connection is closed.');
      return 0;
    };
    const { running, outbox, go } = await rigWith(time, { logger, sharedSlot, limits: OUTBOX_LIMITS });
    const chats = [GROUP_CHAT, OTHER_CHAT, 'oc_c3', 'oc_c4', 'oc_c5'];
    for (const chatId of chats.slice(2)) running.standIn.controls.addChat({ chatId, name: chatId });
    const sends = Array.from({ length: 30 }, (_, i) => outbox.send(text(chats[i % 5]!, `m${i}`)));
    const results = await go(Promise.allSettled(sends));

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { state } = running.standIn;
    expect(state.messages.map((m) => (m.content as { text: string }).text).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `m${i}`).sort(),
    );
    expect(state.countCode(99991400) + state.countCode(230020)).toBe(0);
    // The outage covered part of the queue, and the shared budget was asked again afterwards.
    const fallbacks = calls.filter((c) => !c.ok).length;
    expect(fallbacks).toBeGreaterThan(0);
    expect(calls.filter((c) => c.ok).length).toBeGreaterThan(0);
    expect(outbox.counters()).toMatchObject({ sharedSlotFallbacks: fallbacks, delivered: 30, failed: 0 });
    // Local pacing held during the outage: 250 ms apart per chat.
    for (const chatId of chats) {
      const times = state.messages.filter((m) => m.chatId === chatId).map((m) => m.createTime);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
    }
    // One warning for the outage, one note when it ended — not one per message.
    const log = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(log.filter((l) => /shared send budget unavailable/.test(l.msg))).toHaveLength(1);
    expect(log.filter((l) => l.level === 40 && /shared send budget/.test(l.msg))).toHaveLength(1);
    expect(log.filter((l) => /shared send budget answers again/.test(l.msg))).toHaveLength(1);
  });

  it('a second outage is warned about again', async () => {
    const { logger, lines } = captureLogger();
    const time = new VirtualTime();
    let down = true;
    const sharedSlot = async () => {
      if (down) throw new Error('Connection is closed.');
      return 0;
    };
    const { outbox, go } = await rigWith(time, { logger, sharedSlot });
    await go(outbox.send(text(GROUP_CHAT, 'a')));
    down = false;
    await go(outbox.send(text(GROUP_CHAT, 'b')));
    down = true;
    await go(outbox.send(text(GROUP_CHAT, 'c')));
    await go(outbox.send(text(GROUP_CHAT, 'd')));
    const warnings = lines.filter((l) => l.includes('shared send budget unavailable'));
    expect(warnings).toHaveLength(2);
    expect(outbox.counters()).toMatchObject({ delivered: 4, sharedSlotFallbacks: 3 });
  });
});

/** `rig` on a clock the test made first (e.g. when its sharedSlot reads it). */
async function rigWith(time: VirtualTime, options: Partial<OutboxOptions>): Promise<Rig> {
  running = await startStandIn({ now: time.now });
  running.standIn.controls.addChat({ chatId: OTHER_CHAT, name: '其他' });
  const client = createLarkClient({
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    domain: running.url,
    logger: silentLogger,
  });
  const outbox = createOutbox({ client, logger: silentLogger, clock: time, random: () => 0.5, ...options });
  time.watch(() => outbox.inFlight() > 0);
  return { running, outbox, time, t0: time.now(), go: (work) => time.run(work) };
}
