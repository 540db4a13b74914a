import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import type { SweepReport } from '../../src/reminders/sweep.js';
import type { LedgerRow } from '../../src/store/ledger-export.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { EVENT_KEYS, larkVars, postEvent, startDuban, startStandIn } from '../helpers/server-harness.js';

const redisUp = await redisForTests('进展填报 end to end');
const keys = EVENT_KEYS;
const ADMIN_TOKEN = 'progress-admin-token-0123456789';

interface CardContent {
  text?: string;
  header?: { title: { content: string } };
  body?: { elements: { tag: string; content?: string }[] };
}

/** What a reader sees: a text, or a card's title and markdown. */
function visible(message: RecordedMessage | undefined): string {
  const content = message?.content as CardContent;
  if (typeof content?.text === 'string') return content.text;
  const parts = (content?.body?.elements ?? []).map((e) =>
    e.tag === 'markdown' ? (e.content ?? '') : '---',
  );
  return [content?.header?.title.content ?? '', ...parts].join('\n');
}

const progressCards = (...reports: SweepReport[]) =>
  reports.flatMap((r) => r.sent.filter((s) => s.message.kind === 'progress'));

/**
 * 进展填报 through /lark/events of two duban replicas on one Redis, talking to the Lark stand-in,
 * with progress_report { day: 25, at: 09:00 }. 2023-11-25 is a Saturday: the cards go out on
 * Monday 11-27 at 09:00 Beijing time, once, whichever replica sweeps.
 */
describe.runIf(redisUp)('monthly progress reports (进展填报)', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  let dir: string;
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let one: RunningServer;
  let two: RunningServer;
  let config: LoadedConfig;
  let now = new Date('2023-11-24T01:00:00Z');
  /** 预算科's card: 2.1, 3.1, 3.3, 4.1, 4.2. */
  let budgetCard: { messageId: string; chatId: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-progress-'));
    await cp(CONFIG_DIR, dir, { recursive: true });
    const file = join(dir, 'reminders.yaml');
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toContain('\nprogress_report: off\n');
    await writeFile(
      file,
      yaml.replace('\nprogress_report: off\n', '\nprogress_report: { day: 25, at: "09:00" }\n'),
    );
    config = await loadConfig(dir);
    const { org } = config;
    lark = await startStandIn([
      ...new Set([org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])]),
    ]);
    const vars = {
      ...larkVars(lark.url),
      CONFIG_DIR: dir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      ADMIN_TOKEN,
    };
    one = await startDuban(vars, { clock: () => now });
    two = await startDuban(vars, { clock: () => now });
  });
  afterAll(async () => {
    await one?.close(1000);
    await two?.close(1000);
    await lark?.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  const person = (section: string, role: 'head' | 'deputy') => {
    const found = findSection(section, config.org)!;
    return (role === 'head' ? found.head : found.deputies[0]!).open_id!;
  };

  /** A reply to `parentId`, @-mentioning the bot; resolves with the bot's answer. */
  const reply = async (text: string, from: string, parent = budgetCard): Promise<RecordedMessage> => {
    const message = lark.standIn.controls.addUserMessage({
      chatId: parent.chatId,
      senderOpenId: from,
      text,
      parentId: parent.messageId,
    });
    const status = await postEvent(one, keys, {
      messageId: message.messageId,
      chatId: parent.chatId,
      senderOpenId: from,
      text: `@_user_1 ${text}`,
      mentions: [{ openId: lark.standIn.botOpenId, name: '督办' }],
      parentId: parent.messageId,
      rootId: parent.messageId,
    });
    expect(status).toBe(200);
    return lark.standIn.state.waitForReply(message.messageId, 10_000);
  };

  it('sends nothing before the day, and on the next work day one card per section, once across replicas', async () => {
    expect(progressCards(await one.sweepNow())).toEqual([]);
    now = new Date('2023-11-27T00:59:00Z');
    expect(progressCards(await one.sweepNow())).toEqual([]);

    now = new Date('2023-11-27T01:00:00Z');
    const [a, b] = await Promise.all([one.sweepNow(), two.sweepNow()]);
    const cards = progressCards(a, b);
    const owing: string[] = [];
    for (const section of config.sections)
      if ((await one.store.openForSection(section)).length > 0) owing.push(section);
    expect(owing.length).toBeGreaterThan(5);
    expect(cards.map((c) => c.message.section).sort()).toEqual([...owing].sort());
    // The digest went out the same morning, before any round: no 进展 line yet.
    const weekly = [...a.sent, ...b.sent].find((s) => s.message.kind === 'weekly')!;
    expect(visible(lark.standIn.state.message(weekly.messageId))).not.toContain('进展');

    const budget = cards.find((c) => c.message.section === '预算科')!;
    budgetCard = { messageId: budget.messageId, chatId: budget.message.chatId };
    expect(budgetCard.chatId).toBe(findSection('预算科', config.org)!.chat_id);
    const card = visible(lark.standIn.state.message(budget.messageId));
    expect(card).toContain('进展填报 · 2023年11月 · 预算科');
    expect(card).toMatch(/^1\. \*\*2\.1\*\* 挖潜量促增收$/m);
    expect(card).toMatch(/^5\. \*\*4\.2\*\* /m);
    expect(card).toContain(
      '回复本消息并 @督办 填写进展，如：「8.4：已完成3家抽查，11月底前完成」；多项请分行',
    );

    // Later sweeps that day and the next find the month's cards sent.
    now = new Date('2023-11-28T01:00:00Z');
    expect(progressCards(await two.sweepNow(), await one.sweepNow())).toEqual([]);
  });

  it('stores a reply naming two items as two notes, and confirms each', async () => {
    now = new Date('2023-11-28T02:00:00Z');
    const deputy = person('预算科', 'deputy');
    const answer = visible(
      await reply('3.1：已完成初稿，12月底前报送\n第4项：已对接省厅<at id=all></at>', deputy),
    );
    expect(answer).toContain('已记录 3.1 进展：已完成初稿，12月底前报送');
    expect(answer).toContain('已记录 4.1 进展：已对接省厅＜at id=all＞＜/at＞');
    expect(answer).toContain('（预算科 吴倩 填报）');
    expect(await two.store.progressNotes()).toEqual([
      {
        itemId: '3.1',
        section: '预算科',
        by: '吴倩',
        byOpenId: deputy,
        text: '已完成初稿，12月底前报送',
        at: '2023-11-28T02:00:00.000Z',
      },
      expect.objectContaining({ itemId: '4.1', text: '已对接省厅<at id=all></at>' }),
    ]);
  });

  it('refuses someone who may not report for the section at once, naming who can', async () => {
    const answer = visible(await reply('2.1：已完成', person('国资科', 'head')));
    expect(answer).toMatch(
      /^抱歉，只有预算科的<at user_id="ou_\w+">王磊<\/at>、<at user_id="ou_\w+">吴倩<\/at>或督办管理员/,
    );
    expect((await one.store.progressNotes()).map((n) => n.itemId)).toEqual(['3.1', '4.1']);
  });

  it('asks which item when the reply names none on the card, by line number', async () => {
    const answer = visible(await reply('本月各项工作正常推进', person('预算科', 'head')));
    expect(answer).toMatch(/^请注明是哪一项的进展/);
    expect(answer).toContain('1. 2.1 挖潜量促增收');
    expect(answer).toContain('5. 4.2 ');
    expect(await one.store.progressNotes()).toHaveLength(2);
  });

  it('shows the latest note on the item card, escaped', async () => {
    const message = lark.standIn.controls.addUserMessage({
      chatId: config.org.chats.main,
      senderOpenId: person('国资科', 'head'),
      text: '4.1',
    });
    await postEvent(two, keys, {
      messageId: message.messageId,
      chatId: config.org.chats.main,
      senderOpenId: person('国资科', 'head'),
      text: '@_user_1 4.1',
      mentions: [{ openId: lark.standIn.botOpenId, name: '督办' }],
    });
    const card = visible(await lark.standIn.state.waitForReply(message.messageId, 10_000));
    expect(card).toContain('最新进展（预算科 吴倩 11-28）：已对接省厅&#60;at id=all&#62;&#60;/at&#62;');
    expect(card).not.toContain('<at id=all>');
  });

  it('lists in the next weekly digest the sections that have not reported', async () => {
    now = new Date('2023-12-04T01:00:00Z');
    const report = await one.sweepNow();
    const weekly = report.sent.find((s) => s.message.kind === 'weekly')!;
    const digest = visible(lark.standIn.state.message(weekly.messageId));
    const line = /\*\*11月进展未填报\*\*（(\d+) 个科室）：(.+)/.exec(digest);
    expect(line).not.toBeNull();
    const listed = line![2]!.split('、');
    expect(listed).not.toContain('预算科');
    expect(listed).toContain('国资科');
    expect(Number(line![1])).toBe(listed.length);
    expect(progressCards(report)).toEqual([]);
  });

  it('exports the notes with the ledger (JSON and CSV)', async () => {
    const get = (query: string) =>
      fetch(`${one.url}/admin/export${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const rows = (await (await get('')).json()) as LedgerRow[];
    const row = rows.find((r) => r.itemId === '3.1' && r.section === '预算科')!;
    expect(row.notes).toEqual([
      { section: '预算科', by: '吴倩', text: '已完成初稿，12月底前报送', at: '2023-11-28T02:00:00.000Z' },
    ]);
    expect(rows.filter((r) => r.itemId === '2.1').every((r) => r.notes.length === 0)).toBe(true);
    expect(await (await get('?format=csv')).text()).toContain(
      '"预算科 | 吴倩 | 2023-11-28T02:00:00.000Z | 已对接省厅<at id=all></at>"',
    );
  });
});

describe('monthly progress reports, off (the shipped config)', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
  });

  it('sends no card on the day', async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    lark = await startStandIn([
      ...new Set([org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])]),
    ]);
    duban = await startDuban(larkVars(lark.url), { clock: () => new Date('2023-11-27T01:00:00Z') });
    const report = await duban.sweepNow();
    expect(report.sent.length).toBeGreaterThan(0);
    expect(progressCards(report)).toEqual([]);
  });
});
