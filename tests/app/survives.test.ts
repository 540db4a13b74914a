import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { EVENT_KEYS, say, type startStandIn } from '../helpers/server-harness.js';
import { type DubanProcess, dubanWithLark } from '../helpers/spawn-duban.js';

const keys = EVENT_KEYS;

/**
 * duban as its own process: nothing one chat member or one Lark error does to a single event may
 * end it. Before the fix each of these ended the process (an unhandled rejection), losing the
 * outbox and whatever else was in flight.
 */
describe('one event cannot take the process down', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: DubanProcess;
  let running: Awaited<ReturnType<typeof dubanWithLark>> | undefined;
  let main: string;
  let head: string;

  beforeAll(async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    main = org.chats.main;
    head = findSection('监督科', org)!.head.open_id!;
    running = await dubanWithLark([main]);
    ({ lark, duban } = running);
  });
  afterAll(async () => running?.close());

  const ask = (text: string) => say(duban, lark.standIn, keys, { chatId: main, from: head, text });
  const replyTo = (messageId: string) => lark.standIn.state.waitForReply(messageId, 10_000);
  const alive = async () => {
    expect(duban.child.exitCode).toBeNull();
    expect((await fetch(`${duban.url}/healthz`)).status).toBe(200);
  };

  it('answers a 40 KB message with a short card instead of echoing it past Lark’s limit', async () => {
    const long = `${'预算'.repeat(10_000)}<at id=all></at>`;
    const asked = await ask(long);
    expect(asked.status).toBe(200);
    const reply = await replyTo(asked.messageId);
    expect(Buffer.byteLength(reply.rawContent)).toBeLessThan(30 * 1024);
    expect(reply.rawContent).not.toContain('<at id=all>');
    await alive();
  });

  it('lives through Lark refusing a reply because the bot left the chat (230002)', async () => {
    lark.standIn.controls.failNext(1, {
      kind: 'lark-error',
      status: 400,
      code: 230002,
      msg: 'Bot is not in the chat',
    });
    const refused = await ask('8.4');
    const later = await ask('帮助');
    await replyTo(later.messageId);
    expect(lark.standIn.state.messages.filter((m) => m.parentId === refused.messageId)).toEqual([]);
    await alive();
  });

  it('apologises in a line when Lark refuses the answer as too large (230025)', async () => {
    lark.standIn.controls.failNext(1, {
      kind: 'lark-error',
      status: 400,
      code: 230025,
      msg: 'content too large',
    });
    const asked = await ask('8.4');
    const apology = await replyTo(asked.messageId);
    expect(apology.msgType).toBe('text');
    expect(JSON.stringify(apology.content)).toContain('回复内容过长');
    await alive();
  });

  it('lives through the tenant token being refused twice in a row', async () => {
    lark.standIn.controls.failNext(2, { kind: 'token-invalid' });
    const asked = await ask('8.4');
    const later = await ask('帮助');
    await replyTo(later.messageId);
    // The first question is answered or apologised for once the token works again; either way, once.
    expect(
      lark.standIn.state.messages.filter((m) => m.parentId === asked.messageId).length,
    ).toBeLessThanOrEqual(1);
    await alive();
  });

  it('counts each failure in /metrics, and nothing escaped to the process-level net', async () => {
    const metrics = await (await fetch(`${duban.url}/metrics`)).text();
    expect(metrics).toMatch(/duban_handling_failures_total\{kind="message",code="lark_230002"\} 1/);
    expect(metrics).toMatch(/duban_handling_failures_total\{kind="message",code="lark_230025"\} 1/);
    expect(metrics).not.toMatch(/duban_unhandled_errors_total\{[^}]*\} [1-9]/);
    expect(metrics).toContain('duban_process_cpu_user_seconds_total');
    expect(metrics).not.toContain('duban_process_process_');
  });
});
