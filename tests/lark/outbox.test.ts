import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/emulator/clock.js';
import type { ResponseRecord } from '../../src/emulator/state.js';
import { createLarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { messageUuid } from '../../src/lark/outbox/message-uuid.js';
import { createOutbox, type Outbox, type OutboxOptions } from '../../src/lark/outbox.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import {
  ALICE,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';

let running: RunningStandIn | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

interface Rig {
  running: RunningStandIn;
  outbox: Outbox;
  clock: ManualClock;
  /** Every sleep the outbox asked for, in ms. */
  sleeps: number[];
}

/**
 * The real SDK against the stand-in, sharing one manual clock with the outbox: the outbox's
 * sleeps move the clock instead of waiting, so backoff and reset headers cost no real time.
 */
async function rig(options: Partial<OutboxOptions> = {}): Promise<Rig> {
  const clock = createManualClock();
  running = await startStandIn({ now: clock.now });
  const client = createLarkClient({
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    domain: running.url,
    logger: silentLogger,
  });
  const sleeps: number[] = [];
  const outbox = createOutbox({
    client,
    logger: silentLogger,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { running, outbox, clock, sleeps };
}

const card = (content: string) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: '8.4' }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content }] },
});

const sendResponses = (r: RunningStandIn) =>
  r.standIn.state.responses.filter((x) => x.path.startsWith('/open-apis/im/v1/messages'));

describe('outbox: sending', () => {
  it('sends, replies and patches through the real SDK', async () => {
    const { running, outbox } = await rig();
    const question = running.standIn.controls.addUserMessage({
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      text: '8.4',
    });
    const sent = await outbox.send({
      chatId: GROUP_CHAT,
      msgType: 'text',
      content: { text: '早上好' },
      key: 'greeting',
    });
    const replied = await outbox.reply({
      messageId: question.messageId,
      chatId: GROUP_CHAT,
      msgType: 'interactive',
      content: card('未完成'),
      key: `answer:${question.messageId}`,
    });
    await outbox.patch({ messageId: replied.messageId, content: card('已完成') });
    const dm = await outbox.send({
      openId: ALICE.openId,
      msgType: 'text',
      content: '{"text":"私信"}',
      key: 'dm',
    });

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
    const { running, outbox } = await rig();
    const long = `reminder:${'8.4/m2/2023-Q3:'.repeat(20)}`;
    expect(messageUuid(long)).toBe(messageUuid(long));
    expect(messageUuid(long).length).toBeLessThanOrEqual(50);
    expect(messageUuid('a')).not.toBe(messageUuid('b'));
    const first = await outbox.send({
      chatId: GROUP_CHAT,
      msgType: 'text',
      content: { text: '提醒' },
      key: long,
    });
    const again = await outbox.send({
      chatId: GROUP_CHAT,
      msgType: 'text',
      content: { text: '提醒' },
      key: long,
    });
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
    await expect(
      outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: '' }),
    ).rejects.toThrow(/non-empty logical key/);
  });
});

describe('outbox: retries', () => {
  it('waits out a 429 for as long as x-ogw-ratelimit-reset says', async () => {
    const { running, outbox, sleeps } = await rig();
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 3 });
    await outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k429' });
    const [limited, accepted] = sendResponses(running);
    expect(limited).toMatchObject({ status: 429, code: 99991400 });
    expect(accepted).toMatchObject({ status: 200, code: 0 });
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(3000);
    expect(accepted!.at - limited!.at).toBeLessThan(3500);
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(3000);
    expect(outbox.counters()).toMatchObject({ rateLimited: 1, retries: 1, delivered: 1 });
  });

  it('holds every chat while the app is rate limited, not only the one that hit it', async () => {
    const { running, outbox } = await rig();
    running.standIn.controls.addChat({ chatId: 'oc_other', name: '其他' });
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 2 });
    const limited = new Promise<ResponseRecord>((resolve) => {
      const listener = (r: ResponseRecord) => {
        if (r.status !== 429) return;
        running.standIn.state.off('response', listener);
        resolve(r);
      };
      running.standIn.state.on('response', listener);
    });
    const first = outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'a' }, key: 'a' });
    const record = await limited;
    await outbox.send({ chatId: 'oc_other', msgType: 'text', content: { text: 'b' }, key: 'b' });
    await first;
    const times = sendResponses(running)
      .filter((r) => r.code === 0)
      .map((r) => r.at);
    expect(times).toHaveLength(2);
    for (const at of times) expect(at - record.at).toBeGreaterThanOrEqual(2000);
  });

  it('retries 5xx with growing backoff and delivers', async () => {
    const { running, outbox, sleeps } = await rig();
    running.standIn.controls.failNext(2, { kind: 'server', status: 502 });
    const sent = await outbox.send({
      chatId: GROUP_CHAT,
      msgType: 'text',
      content: { text: 'x' },
      key: 'k5xx',
    });
    expect(running.standIn.state.message(sent.messageId)).toBeDefined();
    expect(sleeps.filter((ms) => ms >= 300)).toEqual([375, 750]);
    expect(outbox.counters()).toMatchObject({ serverErrors: 2, retries: 2, delivered: 1 });
  });

  it('gives up on 5xx after maxAttempts', async () => {
    const { running, outbox } = await rig({ maxAttempts: 3 });
    running.standIn.controls.failNext(10, { kind: 'server' });
    const failure = await outbox
      .send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LarkApiError);
    expect((failure as LarkApiError).verdict.kind).toBe('server');
    expect(sendResponses(running)).toHaveLength(3);
    expect(outbox.counters().failedByCode).toEqual({ '1500': 1 });
  });

  it('retries 230020 (chat limit) with backoff', async () => {
    const { running, outbox } = await rig();
    running.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230020 });
    await outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k' });
    expect(outbox.counters()).toMatchObject({ chatRateLimited: 1, delivered: 1 });
  });

  it('fetches a new tenant token once when the cached one has expired', async () => {
    const { running, outbox, clock } = await rig();
    await outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'before' }, key: 'before' });
    clock.advance(2 * 60 * 60 * 1000 + 1000);
    await outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'after' }, key: 'after' });
    const tokenCalls = running.standIn.state.responses.filter((r) =>
      r.path.endsWith('/tenant_access_token/internal'),
    );
    expect(tokenCalls).toHaveLength(2);
    expect(sendResponses(running).map((r) => r.code)).toEqual([0, 99991663, 0]);
    expect(outbox.counters()).toMatchObject({ tokenRefreshes: 1, delivered: 2 });
  });

  it('refreshes the token only once per message', async () => {
    const { running, outbox } = await rig();
    running.standIn.controls.failNext(2, { kind: 'token-invalid' });
    const failure = await outbox
      .send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k' })
      .catch((error: unknown) => error);
    expect((failure as LarkApiError).verdict.code).toBe(99991663);
    expect(sendResponses(running)).toHaveLength(2);
  });

  it('does not retry 230002 (bot not in chat): logs it and counts it', async () => {
    const { logger, lines } = captureLogger();
    const { running, outbox } = await rig({ logger });
    running.standIn.controls.setBotInChat(GROUP_CHAT, false);
    const failure = await outbox
      .send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k' })
      .catch((error: unknown) => error);
    expect((failure as LarkApiError).verdict).toMatchObject({ kind: 'permanent', code: 230002 });
    expect(sendResponses(running)).toHaveLength(1);
    expect(outbox.counters()).toMatchObject({ failed: 1, failedByCode: { '230002': 1 }, retries: 0 });
    expect(lines.join('\n')).toMatch(/"code":230002.*lark message given up/);
  });
});

describe('outbox: limits', () => {
  it('keeps order within a chat and stays under the per-chat and per-app limits', async () => {
    // Real time here: arrival times at the stand-in must be honest for its windows to mean anything.
    running = await startStandIn();
    const client = createLarkClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running.url,
      logger: silentLogger,
    });
    const outbox = createOutbox({ client, logger: silentLogger });
    const chats = Array.from({ length: 12 }, (_, i) => `oc_bulk_${i}`);
    for (const chatId of chats) running.standIn.controls.addChat({ chatId, name: chatId });
    const sends = [
      ...Array.from({ length: 8 }, (_, i) =>
        outbox.send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: `#${i}` }, key: `ordered:${i}` }),
      ),
      ...Array.from({ length: 60 }, (_, i) =>
        outbox.send({
          chatId: chats[i % 12]!,
          msgType: 'text',
          content: { text: `bulk ${i}` },
          key: `bulk:${i}`,
        }),
      ),
    ];
    expect(outbox.depth()).toBe(68);
    await Promise.all(sends);
    expect(await outbox.drain(1000)).toBe(true);
    const { state } = running.standIn;
    expect(state.messages).toHaveLength(68);
    expect(state.countCode(99991400) + state.countCode(230020)).toBe(0);
    const ordered = state.messages
      .filter((m) => m.chatId === GROUP_CHAT)
      .map((m) => (m.content as { text: string }).text);
    expect(ordered).toEqual(Array.from({ length: 8 }, (_, i) => `#${i}`));
  });

  it('drain reports false when the queue does not empty in time', async () => {
    const { running, outbox } = await rig({
      sleep: () => new Promise(() => {}),
    });
    running.standIn.controls.failNext(1, { kind: 'rate-limit', resetSeconds: 60 });
    void outbox
      .send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: 'x' }, key: 'k' })
      .catch(() => undefined);
    expect(await outbox.drain(50)).toBe(false);
    expect(outbox.depth()).toBe(1);
  });
});
