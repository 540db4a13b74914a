/**
 * Store benchmark on a real Redis (REDIS_URL, default 127.0.0.1:6379), each data set under a
 * prefix of its own, deleted at the end. Run: `npx tsx bench/store.bench.ts`.
 * Figures are milliseconds per call, one call at a time from this process, beside the PING round
 * trip measured in the same run.
 *
 * Sizes: the reference plan (24 items, 51 occurrences), a bureau's year (100 occurrences), and
 * 2,000 and 10,000 occurrences to show how the cost grows past that. Views read every occurrence
 * and its ledger and filter in TypeScript, so they cost what the plan holds, not what they return.
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
import { countBySection } from '../src/store/work-count.js';
import { type Row, sample, stats, table, timeOnce } from './store/measure.js';
import { BENCH_TODAY, SYNTHETIC_SECTIONS, syntheticPlan } from './store/synthetic.js';

/** Items of the synthetic plans (four occurrences each) and calls sampled per row. */
const SIZES = [
  { items: 25, n: 1000 },
  { items: 500, n: 500 },
  { items: 2_500, n: 100 },
];
const WEEK_END = '2023-01-16';
const today = new Date(`${BENCH_TODAY}T10:00:00+08:00`);
const identity = (names: string[]) => names;

// A full GC before each measured block, so one block's garbage is not collected in the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
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
  const client = createRedis(REDIS_URL, { commandTimeoutMs: 60_000 });
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

/** The views and the ledger writes on a plan of `items` synthetic items. */
async function measureSize(reference: Plan, items: number, n: number): Promise<void> {
  const spread = Math.min(50, items);
  const plan = syntheticPlan(reference, {
    items,
    itemsPerChapter: 50,
    window: spread,
    overdue: spread,
    seed: 7,
  });
  const store = await openStore(`s${items}`);
  const input = syncInput(plan);
  const total = input.occurrences.length;
  const syncMs = await timeOnce(() => store.syncPlan(input));
  notes.push(`${total} occurrences: first sync ${syncMs.toFixed(0)} ms (one script)`);
  const of = `${total.toLocaleString('en')} occ.`;
  const ids = input.occurrences.map((o) => o.id);
  const pairs = input.occurrences.map((o) => [o.id, o.leads[0]!] as const);
  const due = (await store.dueBetween(BENCH_TODAY, WEEK_END)).length;
  const overdue = (await store.overdue(today)).length;
  const section = SYNTHETIC_SECTIONS[0]!;

  await measure({ name: `occurrence by id, ${of}`, figure: 'p99', targetMs: 1 }, n, (i) =>
    store.occurrence(ids[(i * 7919) % ids.length]!),
  );
  await measure({ name: `due in 7 days: ${due} of ${of}`, figure: 'p99', targetMs: 5 }, n, () =>
    store.dueBetween(BENCH_TODAY, WEEK_END),
  );
  await measure({ name: `overdue: ${overdue} of ${of}`, figure: 'p99', targetMs: 5 }, n, () =>
    store.overdue(today),
  );
  await measure({ name: `open for one section, ${of}`, figure: 'p99' }, n, () =>
    store.openForSection(section),
  );
  await measure({ name: `all occurrences (export), ${of}`, figure: 'p99' }, n, () => store.allOccurrences());
  await measure({ name: `progress by section, ${of}`, figure: 'p99' }, n, async () =>
    countBySection(await store.allOccurrences(), BENCH_TODAY, { requireVerify: false }),
  );
  // Rounds of confirming every (occurrence, lead) pair, then undoing them: every call writes.
  const write = (i: number) => {
    const [id, lead] = pairs[i % pairs.length]!;
    return Math.floor(i / pairs.length) % 2 === 0
      ? store.confirm(id, lead, 'ou_bench', '', 'reply')
      : store.undo(id, lead, 'ou_bench', '', 'reply');
  };
  const writes = Math.max(n, 2 * pairs.length);
  await measure({ name: `confirm / undo, ${of}`, figure: 'p99', targetMs: 3 }, writes, write, 0);
  // The first view after a change reads the whole ledger again (the Redis store holds it until then).
  await measure(
    { name: `confirm / undo, then due in 7 days, ${of}`, figure: 'p99' },
    n,
    async (i) => {
      await write(writes + i);
      return store.dueBetween(BENCH_TODAY, WEEK_END);
    },
    0,
  );
  await store.close();
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
  for (const { items, n } of SIZES) await measureSize(reference, items, n);

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
