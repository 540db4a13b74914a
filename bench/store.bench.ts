/**
 * Store benchmark on a real Redis (REDIS_URL, default 127.0.0.1:6379), each data set under a
 * prefix of its own, deleted at the end. Run: `npx tsx bench/store.bench.ts`.
 * Figures are milliseconds per call, one call at a time from this process, beside the PING round
 * trip measured in the same run.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { importPlan } from '../src/plan/importer.js';
import { expandOccurrences } from '../src/plan/occurrences.js';
import type { Plan } from '../src/plan/types.js';
import { createRedis } from '../src/store/redis/create-redis.js';
import { keyPatterns } from '../src/store/redis/keys.js';
import { RedisStore } from '../src/store/redis/redis-store.js';
import type { PlanSync } from '../src/store/store.js';
import { type Row, sample, stats, table, timeOnce } from './store/measure.js';
import { BENCH_TODAY, firstItems, syntheticPlan } from './store/synthetic.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const CITY_ITEMS = 50_000;
const SMALL_ITEMS = 500;
/** New items per sync while populating: keeps each atomic sync script around a second. */
const STEP_ITEMS = 2_500;
const WEEK_END = '2023-01-16';
const today = new Date(`${BENCH_TODAY}T10:00:00+08:00`);
const identity = (names: string[]) => names;

// A full GC before each measured block, so one block's garbage is not collected in the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const admin = new Redis(REDIS_URL);
const prefixes: string[] = [];
const rows: Row[] = [];
const notes: string[] = [];

function syncInput(plan: Plan, version = 'bench'): PlanSync {
  return { plan, occurrences: expandOccurrences(plan, identity), version, expandSections: identity };
}

async function openStore(tag: string): Promise<RedisStore> {
  const prefix = `bench-${tag}-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  // Populating 200,000 occurrences runs scripts for seconds; that is not an outage here.
  const client = createRedis(REDIS_URL, { commandTimeoutMs: 120_000 });
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  return new RedisStore(client, { prefix, year: 2023, clock: () => today });
}

const ping = () => admin.ping();

async function measure(
  row: Omit<Row, 'stats' | 'ping'>,
  n: number,
  op: (i: number) => Promise<unknown>,
  warmup?: number,
) {
  gc();
  const sampled = await sample(n, op, ping, warmup);
  rows.push({ ...row, stats: sampled, ping: sampled.ping });
}

async function referencePlanSyncs(reference: Plan): Promise<void> {
  const cold: number[] = [];
  const pings: number[] = [];
  for (let i = 0; i < 20; i++) {
    const store = await openStore('ref');
    cold.push(await timeOnce(() => store.syncPlan(syncInput(reference))));
    pings.push(await timeOnce(ping));
    if (i === 19)
      await measure({ name: 're-sync reference plan, no change', figure: 'p99', targetMs: 50 }, 200, () =>
        store.syncPlan(syncInput(reference)),
      );
    await store.close();
  }
  rows.unshift({
    name: 'sync reference plan into an empty store (24 items)',
    stats: stats(cold),
    ping: stats(pings),
    figure: 'p99',
    targetMs: 200,
  });
}

/** Writes the city-scale plan as successive syncs; returns what the measurements need from it. */
async function populate(store: RedisStore, plan: Plan) {
  const steps: number[] = [];
  for (let n = STEP_ITEMS; n <= CITY_ITEMS; n += STEP_ITEMS) {
    const input = syncInput(firstItems(plan, n), `v${n}`);
    steps.push(await timeOnce(() => store.syncPlan(input)));
  }
  const occurrences = expandOccurrences(plan, identity);
  const resync = await sample(3, () => store.syncPlan(syncInput(plan, `v${CITY_ITEMS}`)), ping, 0);
  notes.push(
    `populated ${CITY_ITEMS} items / ${occurrences.length} occurrences with ${steps.length} syncs of ${STEP_ITEMS} new items ` +
      `(${(Math.min(...steps) / 1000).toFixed(1)}–${(Math.max(...steps) / 1000).toFixed(1)} s each, client digests included); ` +
      `a no-change re-sync of all of it takes ${(resync.p50 / 1000).toFixed(1)} s, nearly all of it computing digests in Node`,
  );
  const pairs = Array.from({ length: 3000 }, (_, i) => occurrences[(i * 104_729) % occurrences.length]!).map(
    (o) => [o.id, o.leads[0]!] as const,
  );
  return {
    pairs,
    total: occurrences.length,
  };
}

const loadAtStart = loadavg()[0]!.toFixed(2);

async function main(): Promise<void> {
  const reference = importPlan(
    readFileSync(new URL('../tests/fixtures/plans/reference-2023.txt', import.meta.url), 'utf8'),
  ).plan;
  await whenNotBusy(() => admin.ping());
  gc();
  const quiet = await sample(3000, ping, async () => {}, 300);
  console.log(
    `Redis ${REDIS_URL}: PING round trip p50 ${quiet.p50.toFixed(3)} ms, p99 ${quiet.p99.toFixed(3)} ms (n=${quiet.n}); ` +
      'each row below has its own PING figures, taken between its operations\n',
  );

  await referencePlanSyncs(reference);

  const city = await openStore('city');
  const { pairs, total } = await populate(
    city,
    syntheticPlan(reference, { items: CITY_ITEMS, itemsPerChapter: 50, window: 50, overdue: 50, seed: 7 }),
  );
  const small = await openStore('small');
  await small.syncPlan(
    syncInput(
      syntheticPlan(reference, { items: SMALL_ITEMS, itemsPerChapter: 50, window: 50, overdue: 50, seed: 7 }),
    ),
  );

  for (const [label, store, size] of [
    ['2,000', small, SMALL_ITEMS * 4],
    ['200,000', city, total],
  ] as const) {
    const due = (await store.dueBetween(BENCH_TODAY, WEEK_END)).length;
    const overdue = (await store.overdue(today)).length;
    await measure(
      { name: `due in 7 days: ${due} of ${label} occurrences`, figure: 'p99', targetMs: 5 },
      2000,
      () => store.dueBetween(BENCH_TODAY, WEEK_END),
    );
    await measure(
      { name: `overdue: ${overdue} of ${label} occurrences`, figure: 'p99', targetMs: 5 },
      2000,
      () => store.overdue(today),
    );
    if ((await store.allOccurrences()).length !== size)
      throw new Error(`the ${label} store does not hold ${size} occurrences`);
  }
  const june = (await city.dueBetween('2023-06-01', '2023-06-07')).length;
  await measure(
    { name: `due in a June week: ${june} of 200,000 (a big answer)`, figure: 'p99' },
    50,
    () => city.dueBetween('2023-06-01', '2023-06-07'),
    5,
  );

  await measure(
    { name: `confirm, ${total} occurrences`, figure: 'p99', targetMs: 3 },
    pairs.length,
    (i) => city.confirm(pairs[i]![0], pairs[i]![1], 'ou_bench', '', 'reply'),
    0,
  );
  await measure({ name: 'progress by section (40 sections)', figure: 'p99' }, 200, () =>
    city.progressBySection(today),
  );

  notes.push(
    `Redis used_memory with both synthetic stores loaded: ${(await admin.info('memory')).match(/used_memory_human:(\S+)/)?.[1]}`,
  );
  await Promise.all([city.close(), small.close()]);
  notes.push(
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; load average at start ${loadAtStart}, at end ${loadavg()[0]!.toFixed(2)} ` +
      '(other programs share the machine and the Redis; p99 is what they disturb first)',
  );
  console.log(table(rows));
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

async function cleanup(): Promise<number> {
  let deleted = 0;
  for (const prefix of prefixes.splice(0))
    for (const pattern of keyPatterns(prefix)) {
      let cursor = '0';
      do {
        const [next, keys] = await whenNotBusy(() => admin.scan(cursor, 'MATCH', pattern, 'COUNT', 5000));
        cursor = next;
        if (keys.length > 0) deleted += await whenNotBusy(() => admin.unlink(...keys));
      } while (cursor !== '0');
    }
  return deleted;
}

/** Another program's long script (BUSY) must not leave our keys behind: wait it out. */
async function whenNotBusy<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (attempt > 600 || !(error instanceof Error) || !error.message.startsWith('BUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

try {
  await main();
} finally {
  console.log(`- cleaned up: ${await cleanup()} bench keys deleted`);
  await admin.quit();
}
