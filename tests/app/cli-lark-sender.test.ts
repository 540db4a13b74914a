import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { runDuban } from '../helpers/cli-io.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { EVENT_KEYS, larkVars, say, startDuban, startStandIn } from '../helpers/server-harness.js';

const redisUp = await redisForTests(
  'reminders sent by duban sweep and POST /admin/sweep, redrawn by the server',
);
const keys = EVENT_KEYS;
const ADMIN_TOKEN = 'live-cards-admin-token-0123456789';
const M1 = '8.4/m1/2023'; // 9月30日
const M3 = '8.4/m3/2023'; // 6月30日, overdue on 9/25

interface CardContent {
  body?: { elements: { tag: string; content?: string; behaviors?: { value: Record<string, unknown> }[] }[] };
}
const markdown = (message: RecordedMessage) =>
  ((message.content as CardContent).body?.elements ?? []).map((e) => e.content ?? '').join('\n');
const buttonOccurrences = (message: RecordedMessage) =>
  ((message.content as CardContent).body?.elements ?? []).flatMap((e) =>
    e.tag === 'button' ? [e.behaviors![0]!.value.occurrenceId] : [],
  );

/**
 * A reminder card is live whoever sent it: `duban sweep` (its own process, here in-process through
 * runCli) and the server's admin route remember what they send in Redis, and a confirmation
 * through the server's /lark/events then redraws (PATCHes) that card.
 */
describe.runIf(redisUp)('reminders sent outside the server’s schedule', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  let config: LoadedConfig;
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let env: Record<string, string>;
  const now = new Date('2023-09-25T02:00:00Z');

  beforeAll(async () => {
    config = await loadConfig(CONFIG_DIR);
    const { org } = config;
    const chats = [org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])];
    lark = await startStandIn([...new Set(chats)]);
    env = { ...larkVars(lark.url), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, CONFIG_DIR };
    expect((await runDuban(['sync'], env)).code).toBe(0);
    duban = await startDuban({ ...env, ADMIN_TOKEN }, { clock: () => now });
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  /** Resolves once the message has been patched at least once. */
  const patched = (messageId: string) => lark.standIn.state.waitForUpdates(messageId, 1, 10_000);
  /** A head confirms by text, @督办, in the main chat — not a reply to the card, so only the live-card path redraws it. */
  const confirm = async (section: string, text: string) => {
    const from = findSection(section, config.org)!.head.open_id!;
    const { status, messageId } = await say(duban, lark.standIn, keys, {
      chatId: config.org.chats.main,
      from,
      text,
    });
    expect(status).toBe(200);
    return lark.standIn.state.waitForReply(messageId, 10_000);
  };

  it('a card duban sweep sent is redrawn when the head confirms through the server', async () => {
    const swept = await runDuban(['sweep', '--at', '2023-09-25T09:00:00+08:00', '--json'], env);
    expect(swept.code).toBe(0);
    const { messages } = JSON.parse(swept.out) as {
      messages: { messageId: string; section: string | null; occurrenceIds: string[] }[];
    };
    const card = messages.find((m) => m.section === '监督科')!;
    expect(card.occurrenceIds).toEqual([M3, M1]);
    expect(lark.standIn.state.message(card.messageId)!.updates).toBe(0);
    expect(buttonOccurrences(lark.standIn.state.message(card.messageId)!)).toEqual([M3, M1]);

    const answer = await confirm('监督科', '完成 8.4 9月30日');
    expect(JSON.stringify(answer.content)).toContain('已记录 监督科 完成');
    const redrawn = await patched(card.messageId);
    expect(markdown(redrawn)).toContain('✅ 监督科 已确认');
    expect(buttonOccurrences(redrawn)).toEqual([M3]);
  });

  it('a card POST /admin/sweep sent is redrawn the same way', async () => {
    now.setTime(Date.parse('2023-09-26T02:00:00Z'));
    const res = await fetch(`${duban.url}/admin/sweep?at=2023-09-26T09:00:00%2B08:00`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { sent: { messageId: string; key: string }[] };
    const sent = report.sent.find((s) => s.key.startsWith('reminder:国资科:'))!;
    expect(sent).toBeDefined();
    expect(lark.standIn.state.message(sent.messageId)!.updates).toBe(0);

    await confirm('国资科', '完成 7.1');
    const redrawn = await patched(sent.messageId);
    expect(markdown(redrawn)).toContain('✅ 国资科 已确认');
  });
});
