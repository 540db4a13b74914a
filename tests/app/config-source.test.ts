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
  const store: Pick<Store, 'planInfo' | 'syncPlan'> = {
    planInfo: () => {
      planInfoReads++;
      return memory.planInfo();
    },
    syncPlan: (input) => memory.syncPlan(input),
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
