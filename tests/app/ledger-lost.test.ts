import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { loadConfig } from '../../src/config/load-config.js';
import { planKeys } from '../../src/store/redis/keys.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { EVENT_KEYS, larkVars, say, startDuban, startStandIn } from '../helpers/server-harness.js';

const redisUp = await redisForTests('two replicas noticing a lost ledger');
const ADMIN_TOKEN = 'ledger-lost-admin-token-0123456789';
const LOST_AT = '2023-09-25T02:00:00.000Z';
const keys = EVENT_KEYS;

interface Readiness {
  status: string;
  checks: Record<string, string>;
  alarms?: { status: string; detail: string }[];
  notices?: string[];
}

/**
 * Two replicas on one Redis, a clock each that the test sets. Redis loses the plan's keys (ledger
 * kept), then everything: only the second is a lost ledger, reported by every replica — a new one
 * too — until an admin acknowledges it.
 */
describe.runIf(redisUp)('a lost ledger', () => {
  const prefix = randomPrefix();
  const redis = testRedis();
  const plan = planKeys(prefix, 2023);
  const now = new Date(LOST_AT);
  const clock = () => now;
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let main: string;
  let adminOpenId: string;
  let vars: Record<string, string>;
  const replicas: RunningServer[] = [];

  beforeAll(async () => {
    const config = await loadConfig(CONFIG_DIR);
    main = config.org.chats.main;
    adminOpenId = config.org.admins[0]!.open_id!;
    lark = await startStandIn([main]);
    vars = { ...larkVars(lark.url), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ADMIN_TOKEN };
    replicas.push(await startDuban(vars, { clock }), await startDuban(vars, { clock }));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close(1000)));
    await lark?.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  const readiness = async (replica: RunningServer) => {
    const res = await fetch(`${replica.url}/readyz`);
    return { code: res.status, body: (await res.json()) as Readiness };
  };
  const admin = (replica: RunningServer, path: string, token = ADMIN_TOKEN) =>
    fetch(`${replica.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  /** A replica looks at most every 2 s (and every 5 s unasked): ask until one has healed the plan. */
  const healed = async (replica: RunningServer) => {
    for (let tries = 0; tries < 40; tries++) {
      await replica.app.refreshConfig();
      if (await redis.exists(plan.meta)) return true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  };

  it('losing only the plan’s keys re-syncs the plan and reports no lost ledger', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    expect(await redis.xlen(plan.audit)).toBeGreaterThan(0);
    await redis.del(plan.meta, plan.digests, plan.occurrences, plan.chapters, plan.archived);
    expect(await healed(a)).toBe(true);
    expect(await redis.hlen(plan.occurrences)).toBeGreaterThan(50);
    for (const replica of [a, b]) {
      const { code, body } = await readiness(replica);
      expect(code).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.alarms).toBeUndefined();
    }
    expect(await redis.exists(plan.ledgerLost)).toBe(0);
  });

  it('losing everything is reported as a lost ledger by every replica, a new one too, until acknowledged', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    await deleteKeysUnder(redis, prefix);
    expect(await healed(b)).toBe(true);
    // Whichever replica healed it marked it: the other knows from the store, not from having looked.
    const third = await startDuban(vars, { clock });
    replicas.push(third);
    for (const replica of [a, b, third]) {
      const { code, body } = await readiness(replica);
      expect(code).toBe(200);
      expect(body.status).toBe('ledger-lost');
      expect(body.checks.store).toBe('ok');
      const detail = body.alarms?.[0]?.detail ?? '';
      expect(detail).toMatch(new RegExp(`^账本丢失于 ${LOST_AT}：`));
      expect(detail).toContain('docs/部署指南.md 第 18 节');
      expect(detail).toContain('duban export');
      expect(detail).toContain(`ledger lost at ${LOST_AT}`);
      const metrics = await (await fetch(`${replica.url}/metrics`)).text();
      expect(metrics).toMatch(/^duban_ledger_lost 1$/m);
    }

    expect((await admin(a, '/admin/ledger-lost/ack?by=周婷', 'wrong-token')).status).toBe(401);
    expect((await readiness(a)).body.status).toBe('ledger-lost');
    now.setTime(Date.parse('2023-09-25T03:00:00.000Z'));
    const ack = await admin(a, `/admin/ledger-lost/ack?by=${encodeURIComponent('周婷')}`);
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ ok: true, acknowledged: { at: LOST_AT } });

    for (const replica of [a, b, third]) {
      const { code, body } = await readiness(replica);
      expect(code).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.alarms).toBeUndefined();
      expect(await (await fetch(`${replica.url}/metrics`)).text()).toMatch(/^duban_ledger_lost 0$/m);
    }
    const audit = await redis.xrange(plan.audit, '-', '+');
    const [, fields] = audit.at(-1)!;
    expect(fields).toEqual([
      'at',
      '2023-09-25T03:00:00.000Z',
      'by',
      '周婷',
      'action',
      'ack-ledger-lost',
      'occurrence',
      '',
      'section',
      '',
      'note',
      `ledger lost at ${LOST_AT}; acknowledged via POST /admin/ledger-lost/ack`,
      'source',
      'command',
    ]);
    // A second acknowledgement finds nothing to clear and writes nothing.
    const again = await admin(b, '/admin/ledger-lost/ack');
    expect(await again.json()).toMatchObject({
      acknowledged: null,
      message: '没有待确认的账本丢失，无需确认。',
    });
    expect(await redis.xlen(plan.audit)).toBe(audit.length);
  });

  it('an admin acknowledges in chat through /lark/events; a wrong ?by= is refused naming the fix', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    await deleteKeysUnder(redis, prefix);
    expect(await healed(a)).toBe(true);
    expect((await readiness(b)).body.status).toBe('ledger-lost');
    const tooLong = await admin(b, `/admin/ledger-lost/ack?by=${'x'.repeat(65)}`);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({
      error: 'give ?by= once: who acknowledges, a name of at most 64 characters',
    });

    const { status, messageId } = await say(b, lark.standIn, keys, {
      chatId: main,
      from: adminOpenId,
      text: '确认账本丢失',
    });
    expect(status).toBe(200);
    const reply = await lark.standIn.state.waitForReply(messageId, 10_000);
    expect(JSON.stringify(reply.content)).toContain('已确认账本丢失（丢失于 2023-09-25T03:00:00.000Z）');
    for (const replica of [a, b]) expect((await readiness(replica)).body.status).toBe('ready');
    const [, fields] = (await redis.xrange(plan.audit, '-', '+')).at(-1)!;
    expect(fields.slice(2, 6)).toEqual(['by', adminOpenId, 'action', 'ack-ledger-lost']);
  });
});
