import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigSource, readConfig } from '../../src/app/config-source.js';
import { planSyncOf } from '../../src/app/plan-sync.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Two replicas' view of one store, each reading the same config/ (a copy the test may edit). */
async function twoReplicas() {
  const dir = await mkdtemp(join(tmpdir(), 'duban-config-'));
  dirs.push(dir);
  await cp(CONFIG_DIR, dir, { recursive: true });
  const env = { configDir: dir, planTimezone: undefined };
  const initial = await readConfig(env);
  let planInfoReads = 0;
  const memory = new MemoryStore({
    year: initial.plan.year,
    timeZone: 'Asia/Shanghai',
    clock: () => new Date(0),
  });
  await memory.syncPlan(planSyncOf(initial, 'test'));
  const store: Pick<Store, 'planInfo' | 'syncPlan' | 'audit' | 'markLedgerLost'> = {
    planInfo: () => {
      planInfoReads++;
      return memory.planInfo();
    },
    syncPlan: (input) => memory.syncPlan(input),
    audit: (options) => memory.audit(options),
    markLedgerLost: () => memory.markLedgerLost(),
  };
  let now = 0;
  const changes: string[] = [];
  const replica = (name: string) =>
    createConfigSource({
      env,
      store,
      initial,
      logger,
      clock: () => now,
      checkEveryMs: 2_000,
      onChange: (next) => changes.push(`${name}:${next.version.slice(0, 8)}`),
    });
  return {
    dir,
    a: replica('a'),
    b: replica('b'),
    changes,
    advance: (ms: number) => {
      now += ms;
    },
    planInfoReads: () => planInfoReads,
  };
}

describe('config kept in step across replicas', () => {
  it('a reload on one replica is used by the other at its next check', async () => {
    const r = await twoReplicas();
    const before = r.b.current().version;
    const remindersFile = join(r.dir, 'reminders.yaml');
    await writeFile(
      remindersFile,
      (await readFile(remindersFile, 'utf8')).replace(/send_at: "?09:00"?/, 'send_at: "08:30"'),
    );
    expect(await r.a.reload('重载配置')).toBe('计划无变化');
    expect(r.a.current().reminders.send_at).toBe('08:30');

    r.advance(2_000);
    await r.b.refresh();
    expect(r.b.current().version).not.toBe(before);
    expect(r.b.current().version).toBe(r.a.current().version);
    expect(r.b.current().reminders.send_at).toBe('08:30');
    expect(r.changes).toEqual([
      `a:${r.a.current().version.slice(0, 8)}`,
      `b:${r.a.current().version.slice(0, 8)}`,
    ]);
  });

  it('reads the store at most once per interval, however many events arrive', async () => {
    const r = await twoReplicas();
    r.advance(2_000);
    await Promise.all(Array.from({ length: 50 }, () => r.b.refresh()));
    r.advance(1_000);
    await r.b.refresh();
    expect(r.planInfoReads()).toBe(1);
    r.advance(1_000);
    await r.b.refresh();
    expect(r.planInfoReads()).toBe(2);
  });
});

/**
 * One replica over a store that can lose things as a flushed Redis would: everything (a new, empty
 * store), or only the plan's keys (planInfo answers null until the next sync; the ledger stays).
 */
async function replicaOverForgetfulStore() {
  const env = { configDir: CONFIG_DIR, planTimezone: undefined };
  const initial = await readConfig(env);
  const fresh = () =>
    new MemoryStore({ year: initial.plan.year, timeZone: 'Asia/Shanghai', clock: () => new Date(0) });
  let memory = fresh();
  let planKeysGone = false;
  await memory.syncPlan(planSyncOf(initial, 'test'));
  let now = 0;
  const resyncs: boolean[] = [];
  const source = createConfigSource({
    env,
    store: {
      planInfo: async () => (planKeysGone ? null : memory.planInfo()),
      syncPlan: (input) => {
        planKeysGone = false;
        return memory.syncPlan(input);
      },
      audit: (options) => memory.audit(options),
      markLedgerLost: () => memory.markLedgerLost(),
    },
    initial,
    logger,
    clock: () => now,
    onResync: (_at, ledgerLost) => resyncs.push(ledgerLost),
  });
  return {
    source,
    resyncs,
    store: () => memory,
    flushAll: () => {
      memory = fresh();
    },
    losePlanKeys: () => {
      planKeysGone = true;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('a store that lost the plan', () => {
  it('is synced again; with the audit stream gone too, the ledger is marked lost', async () => {
    const r = await replicaOverForgetfulStore();
    r.flushAll();
    await r.source.refresh();
    expect(await r.store().planInfo()).not.toBeNull();
    expect(r.resyncs).toEqual([true]);
    expect(await r.store().ledgerLost()).toEqual({ at: new Date(0).toISOString() });
  });

  it('with the audit stream intact, is synced again without marking the ledger lost', async () => {
    const r = await replicaOverForgetfulStore();
    r.losePlanKeys();
    await r.source.refresh();
    expect(r.resyncs).toEqual([false]);
    expect(await r.store().ledgerLost()).toBeNull();
  });
});
