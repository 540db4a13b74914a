import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { EVENT_KEYS, larkVars, postEvent, startStandIn, toBot } from '../helpers/server-harness.js';
import { type DubanProcess, runCliProcess, spawnDuban } from '../helpers/spawn-duban.js';

const redisUp = await redisForTests('two duban processes on one Redis');
const keys = EVENT_KEYS;

/** Production shape: separate processes, one Redis, one Lark (the stand-in on its own port). */
describe.runIf(redisUp)('replicas and shutdown', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let main: string;
  let org: Awaited<ReturnType<typeof loadConfig>>['org'];
  const processes: DubanProcess[] = [];

  beforeAll(async () => {
    const config = await loadConfig(CONFIG_DIR);
    org = config.org;
    main = org.chats.main;
    lark = await startStandIn([
      main,
      org.chats.leadership!,
      ...BURST_CHATS,
      ...org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : [])),
    ]);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await lark.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  // The schedule is off: a start-up catch-up sweep at the real time would send cards of its own.
  const vars = () => ({
    ...larkVars(lark.url),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    REMINDERS: 'off',
  });

  it('two processes given the same event answer it once, and each answers its own', async () => {
    const [a, b] = await Promise.all([spawnDuban(vars()), spawnDuban(vars())]);
    processes.push(a!, b!);
    const head = findSection('预算科', org)!.head.open_id!;
    const asked = lark.standIn.controls.addUserMessage({ chatId: main, senderOpenId: head, text: '8.4' });
    const event = {
      eventId: 'ev-both',
      messageId: asked.messageId,
      chatId: main,
      senderOpenId: head,
      ...toBot(lark.standIn.botOpenId, '8.4'),
    };
    expect(await Promise.all([postEvent(a!, keys, event), postEvent(b!, keys, event)])).toEqual([200, 200]);
    const other = lark.standIn.controls.addUserMessage({ chatId: main, senderOpenId: head, text: '进度' });
    expect(
      await postEvent(b!, keys, {
        messageId: other.messageId,
        chatId: main,
        senderOpenId: head,
        ...toBot(lark.standIn.botOpenId, '进度'),
      }),
    ).toBe(200);
    await lark.standIn.state.waitForReply(asked.messageId, 10_000);
    await lark.standIn.state.waitForReply(other.messageId, 10_000);
    const parents = lark.standIn.state.messages.map((m) => m.parentId);
    expect(parents.filter((p) => p === asked.messageId)).toHaveLength(1);
    expect(parents.filter((p) => p === other.messageId)).toHaveLength(1);
    await Promise.all([a!.stop(), b!.stop()]);
  });

  it('two server processes sweeping the same instant send each reminder once', async () => {
    const token = 'replica-admin-token-0123456789';
    const [a, b] = await Promise.all([
      spawnDuban({ ...vars(), ADMIN_TOKEN: token }),
      spawnDuban({ ...vars(), ADMIN_TOKEN: token }),
    ]);
    processes.push(a!, b!);
    const before = lark.standIn.state.messages.length;
    const sweepOn = async (duban: DubanProcess) => {
      const res = await fetch(`${duban.url}/admin/sweep?at=2023-09-25T09:00:00%2B08:00`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const report = (await res.json()) as { sent: { key: string }[]; failed: unknown[] };
      expect(report.failed).toEqual([]);
      return report.sent.map((s) => s.key);
    };
    const [fromA, fromB] = await Promise.all([sweepOn(a!), sweepOn(b!)]);
    const keys = [...fromA!, ...fromB!];
    expect(keys.length).toBeGreaterThan(5);
    expect(new Set(keys).size).toBe(keys.length);
    expect(lark.standIn.state.messages.length - before).toBe(keys.length);
    await Promise.all([a!.stop(), b!.stop()]);
  });

  it('SIGTERM during a burst of confirmations: everything acknowledged is stored and answered', async () => {
    const duban = await spawnDuban(vars());
    processes.push(duban);
    const leads: [string, string][] = [
      ['2.1', '预算科'],
      ['3.2', '国库科'],
      ['5.1', '债务科'],
      ['6.1', '金融服务中心'],
      ['7.1', '国资科'],
      ['8.1', '绩效科'],
      ['8.3', '采购科'],
      ['8.4', '监督科'],
      ['1.2', '办公室'],
      ['10.2', '行财科'],
    ];
    // One chat per event, so Lark's 5 messages/s per chat does not slow the replies down.
    const posts: Promise<{ messageId: string; status: number }>[] = [];
    leads.forEach(([item, section], i) => {
      const head = findSection(section, org)!.head.open_id!;
      for (let round = 0; round < 3; round++) {
        const chatId = BURST_CHATS[i * 3 + round]!;
        const text = `完成 ${item} 第${round}轮`;
        const message = lark.standIn.controls.addUserMessage({ chatId, senderOpenId: head, text });
        posts.push(
          postEvent(duban, keys, {
            messageId: message.messageId,
            chatId,
            senderOpenId: head,
            ...toBot(lark.standIn.botOpenId, text),
          })
            .then((status) => {
              // The first acknowledgement pulls the plug while the rest of the burst is in flight.
              if (status === 200 && duban.child.exitCode === null && !duban.child.killed)
                duban.child.kill('SIGTERM');
              return { messageId: message.messageId, status };
            })
            .catch(() => ({ messageId: message.messageId, status: 0 })),
        );
      }
    });
    const results = await Promise.all(posts);
    expect(await duban.exited).toBe(0);
    const acknowledged = results.filter((r) => r.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Each acknowledged event was handled to the end: its reply reached Lark before the process left.
    const replied = new Set(lark.standIn.state.messages.map((m) => m.parentId));
    expect(acknowledged.filter((r) => !replied.has(r.messageId))).toEqual([]);
    // And every "已记录" the bot said is a confirmation in Redis.
    const said = lark.standIn.state.messages.filter((m) =>
      JSON.stringify(m.content).includes('已记录'),
    ).length;
    const audit = await redis.xrange(`{${prefix}:2023}:audit`, '-', '+');
    expect(audit.filter(([, fields]) => fields.includes('confirm')).length).toBe(said);
  });
});

const BURST_CHATS = Array.from({ length: 30 }, (_, i) => `oc_burst${String(i).padStart(27, '0')}`);

describe.runIf(redisUp)('reminders from two processes', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  afterAll(async () => {
    await lark?.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  it('two processes sweeping the same instant send each reminder once', async () => {
    const config = await loadConfig(CONFIG_DIR);
    const { org } = config;
    lark = await startStandIn([
      org.chats.main,
      org.chats.leadership!,
      ...org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : [])),
    ]);
    const env = { ...larkVars(lark.url), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, CONFIG_DIR };
    expect((await runCliProcess(['sync'], env)).code).toBe(0);
    const at = ['sweep', '--at', '2023-09-25T09:00:00+08:00', '--json'];
    const [a, b] = await Promise.all([runCliProcess(at, env), runCliProcess(at, env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sentBy = (out: string) =>
      (JSON.parse(out) as { messages: { key: string }[] }).messages.map((m) => m.key);
    const keys = [...sentBy(a.out), ...sentBy(b.out)];
    expect(keys.length).toBeGreaterThan(5);
    expect(new Set(keys).size).toBe(keys.length);
    expect(lark.standIn.state.messages).toHaveLength(keys.length);
  });
});

describe.runIf(redisUp)('config reloaded on one replica', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  const processes: DubanProcess[] = [];
  let lark: Awaited<ReturnType<typeof startStandIn>> | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await lark?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  it('is used by the other replica without a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-reload-'));
    await cp(CONFIG_DIR, dir, { recursive: true });
    lark = await startStandIn([]);
    const token = 'replica-admin-token-0123456789';
    const env = {
      ...larkVars(lark.url),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      REMINDERS: 'off',
      CONFIG_DIR: dir,
      ADMIN_TOKEN: token,
    };
    const [a, b] = await Promise.all([spawnDuban(env), spawnDuban(env)]);
    processes.push(a!, b!);
    const admin = (duban: DubanProcess, path: string, method = 'GET') =>
      fetch(`${duban.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const firstSendAt = async (duban: DubanProcess) => {
      const rows = (await (await admin(duban, '/admin/preview?from=2023-09-25&to=2023-09-25')).json()) as {
        at: string;
      }[];
      return rows[0]!.at;
    };
    expect(await firstSendAt(b!)).toBe('2023-09-25T01:00:00.000Z');

    const remindersFile = join(dir, 'reminders.yaml');
    await writeFile(
      remindersFile,
      (await readFile(remindersFile, 'utf8')).replace('send_at: "09:00"', 'send_at: "08:30"'),
    );
    expect((await admin(a!, '/admin/reload', 'POST')).status).toBe(200);
    expect(await firstSendAt(a!)).toBe('2023-09-25T00:30:00.000Z');

    // B checks the synced version at most every 2 s: poll for the change, not for a time.
    let seen = await firstSendAt(b!);
    for (let tries = 0; seen !== '2023-09-25T00:30:00.000Z' && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      seen = await firstSendAt(b!);
    }
    expect(seen).toBe('2023-09-25T00:30:00.000Z');
  });
});

describe.runIf(redisUp)('a flushed Redis', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  const processes: DubanProcess[] = [];
  let lark: Awaited<ReturnType<typeof startStandIn>> | undefined;
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await lark?.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  it('is healed from config/ by a replica, counted, and reported in /readyz', async () => {
    const config = await loadConfig(CONFIG_DIR);
    lark = await startStandIn([config.org.chats.main]);
    const env = { ...larkVars(lark.url), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, REMINDERS: 'off' };
    const [a, b] = await Promise.all([spawnDuban(env), spawnDuban(env)]);
    processes.push(a!, b!);
    const planKey = `{${prefix}:2023}:meta`;
    expect(await redis.exists(planKey)).toBe(1);

    await deleteKeysUnder(redis, prefix);
    expect(await redis.exists(planKey)).toBe(0);

    // Each replica looks every few seconds whether or not an event arrives: wait for both to say so.
    // Whichever looks first heals it; the other then finds the plan whole.
    const said = async (duban: DubanProcess) => {
      const ready = (await (await fetch(`${duban.url}/readyz`)).json()) as { notices?: string[] };
      return ready.notices?.some((n) => n.startsWith('the store lost the plan')) ?? false;
    };
    let healed = false;
    for (let tries = 0; !healed && tries < 80; tries++) {
      healed = (await said(a!)) || (await said(b!));
      if (!healed) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(healed).toBe(true);
    expect(await redis.exists(planKey)).toBe(1);
    const occurrences = await redis.hlen(`{${prefix}:2023}:occ`);
    expect(occurrences).toBeGreaterThan(50);
    const metrics = (
      await Promise.all([a!, b!].map(async (d) => (await fetch(`${d.url}/metrics`)).text()))
    ).join('\n');
    expect(metrics).toMatch(/^duban_store_resyncs_total [1-9]/m);
    const head = findSection('监督科', config.org)!.head.open_id!;
    const asked = lark.standIn.controls.addUserMessage({
      chatId: config.org.chats.main,
      senderOpenId: head,
      text: '我的任务',
    });
    expect(
      await postEvent(b!, keys, {
        messageId: asked.messageId,
        chatId: config.org.chats.main,
        senderOpenId: head,
        ...toBot(lark.standIn.botOpenId, '我的任务'),
      }),
    ).toBe(200);
    const reply = await lark.standIn.state.waitForReply(asked.messageId, 10_000);
    expect(JSON.stringify(reply.content)).toContain('8.4');
  });
});
