import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createStore } from '../../src/store/create-store.js';
import { runDuban } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';
import { larkVars, startStandIn } from '../helpers/server-harness.js';

const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));
const redisUp = await redisForTests('duban preview/sweep on Redis');

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runDuban(args, { CONFIG_DIR, ...env });

interface Row {
  at: string;
  day: string;
  chat: string;
  mentions: string[];
  stage: string;
  kind: string;
  section: string | null;
  occurrenceIds: string[];
}

describe('duban preview', () => {
  it('prints the year as a calendar by work day, with chats, people and stages', async () => {
    const { code, out, err } = await run(['preview', '--from', '2023-01-01', '--to', '2023-12-31']);
    expect(code).toBe(0);
    expect(err).toMatch(/REDIS_URL is unset.*no confirmations/);
    expect(out).toMatch(/^督办提醒日历 2023-01-01 至 2023-12-31：每个工作日 09:00（Asia\/Shanghai）发送/);
    expect(out).toContain('2023-10-07 周六（调休上班）');
    expect(out).not.toContain('2023-10-02');
    expect(out).toContain('2023-01-03 周二\n  09:00  金融服务中心群  @罗斌 @谢婉清');
    expect(out).toMatch(/6\.2 每季度开展好“政金企”对接活动（12月31日截止）— 季度初提醒/);
    expect(out).toContain('8.4 9月底前对各预算单位预决算公开进行专项检查（9月30日截止）— 到期提醒');
    expect(out).toContain('— 逾期5个工作日·升级');
    expect(out).toContain('局领导群');
  });

  it('gives one JSON row per planned message: instant, chat, mentions, stage, occurrences', async () => {
    const { code, out } = await run(['preview', '--from', '2023-09-25', '--to', '2023-10-12', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Row[];
    const due = rows.find((r) => r.occurrenceIds.includes('8.4/m1/2023') && r.stage === 'T-0')!;
    expect(due).toEqual({
      at: '2023-09-28T01:00:00.000Z',
      day: '2023-09-28',
      chat: 'oc_f55cd6476f42714046e1aa19732b0668',
      mentions: ['ou_7e5ec9a7cb4663dbdd4a05f48a8cac67'],
      kind: 'reminder',
      section: '监督科',
      stage: 'T-0',
      stages: ['T-0'],
      occurrenceIds: ['8.4/m1/2023'],
    });
    expect(rows.some((r) => r.day === '2023-10-02')).toBe(false);
    const escalation = rows.find((r) => r.kind === 'escalation' && r.occurrenceIds.includes('8.4/m1/2023'))!;
    expect(escalation.day).toBe('2023-10-11');
    expect(escalation.chat).toBe('oc_639567e124fea235a9d6d84445e9bcda');
  });

  it('refuses bad dates with exit 2, naming the flag', async () => {
    const missing = await run(['preview', '--from', '2023-01-01']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--to is required');
    const bad = await run(['preview', '--from', '2023-02-30', '--to', '2023-03-01']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from 2023-02-30: expected a date');
    const backwards = await run(['preview', '--from', '2023-03-01', '--to', '2023-02-01']);
    expect(backwards.err).toContain('is after --to');
  });
});

describe('duban sweep', () => {
  it('runs one sweep at the instant and, with no LARK_APP_ID, prints the messages instead of sending', async () => {
    const { code, out, err } = await run(['sweep', '--at', '2023-09-28T09:00:00+08:00']);
    expect(code).toBe(0);
    expect(err).toContain('DRY RUN: LARK_APP_ID is unset');
    expect(out).toContain(
      'sweep at 2023-09-28 09:00 Asia/Shanghai: stage days 2023-09-26, 2023-09-27, 2023-09-28',
    );
    expect(out).toMatch(
      /→ oc_f55cd6476f42714046e1aa19732b0668 (reminder|digest) 监督科 .*8\.4\/m1\/2023 T-0/,
    );
  });

  it('says what a dry run would send, never that it sent it', async () => {
    const { out } = await run(['sweep', '--at', '2023-09-28T09:00:00+08:00']);
    const counted = /(\d+) messages? would be sent \(dry run: nothing sent\)/.exec(out);
    expect(Number(counted?.[1])).toBeGreaterThan(0);
    expect(Number(counted![1])).toBe(out.split('\n').filter((l) => l.startsWith('  → ')).length);
    expect(out).not.toMatch(/\d+ messages? sent/);
    const json = JSON.parse((await run(['sweep', '--at', '2023-09-28T09:00:00+08:00', '--json'])).out) as {
      dryRun: boolean;
    };
    expect(json.dryRun).toBe(true);
  });

  it('--catch-up adds the card of what older work days missed, as a restart does; --at is then optional', async () => {
    type Report = { messages: { kind: string }[] };
    const plain = JSON.parse(
      (await run(['sweep', '--at', '2023-09-28T09:00:00+08:00', '--json'])).out,
    ) as Report;
    const caught = JSON.parse(
      (await run(['sweep', '--catch-up', '--at', '2023-09-28T09:00:00+08:00', '--json'])).out,
    ) as Report;
    expect(plain.messages.filter((m) => m.kind === 'missed')).toEqual([]);
    expect(caught.messages.filter((m) => m.kind === 'missed')).toHaveLength(1);
    expect(caught.messages.length).toBe(plain.messages.length + 1);
    const noInstant = await run(['sweep']);
    expect(noInstant.code).toBe(2);
    expect(noInstant.err).toContain('--at is required');
  });

  it('answers JSON with the messages and says when it is quiet or a rest day', async () => {
    const json = await run(['sweep', '--at', '2023-09-28T01:00:00Z', '--json']);
    const report = JSON.parse(json.out) as {
      today: string;
      messages: { kind: string; occurrenceIds: string[] }[];
    };
    expect(report.today).toBe('2023-09-28');
    expect(report.messages.some((m) => m.occurrenceIds.includes('8.4/m1/2023'))).toBe(true);
    expect((await run(['sweep', '--at', '2023-10-02T09:00:00+08:00'])).out).toContain(
      'a rest day — nothing sent',
    );
    expect((await run(['sweep', '--at', '2023-09-28T22:00:00+08:00'])).out).toContain('quiet hours');
    expect((await run(['sweep', '--at', 'yesterday'])).code).toBe(2);
  });
});

describe.runIf(redisUp)('duban preview on Redis', () => {
  const prefix = randomPrefix();
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
  afterEach(async () => {
    await cleanUpPrefix(prefix);
  });

  it('drops work the ledger shows confirmed', async () => {
    expect((await run(['sync'], env)).code).toBe(0);
    const args = ['preview', '--from', '2023-09-20', '--to', '2023-10-31', '--json'];
    const before = JSON.parse((await run(args, env)).out) as Row[];
    expect(before.some((r) => r.occurrenceIds.includes('8.4/m1/2023'))).toBe(true);
    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
    try {
      await store.confirm('8.4/m1/2023', '监督科', 'ou_7e5ec9a7cb4663dbdd4a05f48a8cac67', '', 'reply');
    } finally {
      await store.close();
    }
    const after = await run(args, env);
    expect(after.err).toBe('');
    const rows = JSON.parse(after.out) as Row[];
    expect(rows.some((r) => r.occurrenceIds.includes('8.4/m1/2023'))).toBe(false);
    expect(rows.length).toBeGreaterThan(10);
  });
});

describe.runIf(redisUp)('duban sweep with a Lark app', () => {
  const prefix = randomPrefix();
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  afterEach(async () => {
    await cleanUpPrefix(prefix);
    await lark?.close();
  });

  it('sends through the outbox, remembers the messages for replies, and never sends twice', async () => {
    const config = await loadConfig(CONFIG_DIR);
    lark = await startStandIn([
      config.org.chats.main,
      config.org.chats.leadership!,
      ...config.org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : [])),
    ]);
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...larkVars(lark.url) };
    expect((await run(['sync'], env)).code).toBe(0);
    const first = await run(['sweep', '--at', '2023-09-25T09:00:00+08:00', '--json'], env);
    expect(first.err).not.toMatch(/DRY RUN/);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.out) as { dryRun: boolean }).dryRun).toBe(false);
    const sent = lark.standIn.state.messages;
    expect(sent.length).toBeGreaterThan(0);
    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
    try {
      const remembered = await store.occurrencesForMessage(sent[0]!.messageId);
      expect(remembered.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    const again = await run(['sweep', '--at', '2023-09-25T09:00:00+08:00'], env);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/ 0 messages sent, /);
    expect(again.out).not.toContain('would be sent');
    expect(lark.standIn.state.messages.length).toBe(sent.length);
  });
});
