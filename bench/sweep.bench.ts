/**
 * Reminder sweep benchmark on a real Redis (REDIS_URL, default 127.0.0.1:6379), under a prefix of
 * its own that is deleted at the end. Run: `npx tsx bench/sweep.bench.ts [items] [due]`.
 *
 * `items` items (default 25: a bureau's 100 occurrences) × 3 dated milestones + a deadline, 40
 * sections. `due` of the occurrences (default 15, a bureau's busy day) are due 14 work days after
 * the bench day, so exactly their T-14 stage falls on it; the rest fall due from April on.
 * Measured, each beside the PING round trip:
 * - a sweep at 09:00 on the bench day: select the open occurrences due in its windows, claim
 *   the deliveries in Redis, render the cards, hand them to a fake outbox, remember each
 *   message, mark sent;
 * - the same sweep again (everything already sent);
 * - a sweep on a day with nothing due, many times.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LoadedConfig } from '../src/config/load-config.js';
import type { Org } from '../src/config/org-schema.js';
import { DEFAULT_REMINDER_POLICY } from '../src/config/reminders-schema.js';
import { expandOccurrences } from '../src/plan/occurrences.js';
import type { Item, Plan } from '../src/plan/types.js';
import { addWorkdays } from '../src/plan/workdays.js';
import { storeReminderClaims } from '../src/reminders/claims.js';
import { instantOf } from '../src/reminders/local-time.js';
import type { OutgoingReminder } from '../src/reminders/outgoing.js';
import { sweep } from '../src/reminders/sweep.js';
import { createRedis } from '../src/store/redis/create-redis.js';
import { keyPatterns } from '../src/store/redis/keys.js';
import { RedisStore } from '../src/store/redis/redis-store.js';
import { firstItems } from './store/synthetic.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const ITEMS = Number(process.argv[2] ?? 25);
const SYNC_STEP = 2_500;
const DUE_TODAY = Number(process.argv[3] ?? 15);
const SECTIONS = 40;
/** A Wednesday with no holiday near it; the DUE_TODAY occurrences fall due 14 work days later. */
const BENCH_DAY = '2023-02-01';
/** Nothing has a stage on this day or the two work days before it. */
const QUIET_DAY = '2023-01-05';
const TZ = 'Asia/Shanghai';

const sections = Array.from({ length: SECTIONS }, (_, i) => `科室${String(i + 1).padStart(2, '0')}`);
const hex = (n: number) => n.toString(16).padStart(32, '0');

function benchConfig(plan: Plan): LoadedConfig {
  const org: Org = {
    sections: sections.map((name, i) => ({
      name,
      head: { name: `科长${i + 1}`, open_id: `ou_${hex(i + 1)}` },
      deputies: [{ name: `副科长${i + 1}`, open_id: `ou_${hex(1000 + i)}` }],
      ...(i % 2 === 0 ? { chat_id: `oc_${hex(2000 + i)}` } : {}),
      leader: { name: `分管领导${(i % 5) + 1}`, open_id: `ou_${hex(3000 + (i % 5))}` },
    })),
    // No leadership chat: the weekly digest (a whole-ledger report) is not what is measured here.
    chats: { main: `oc_${hex(9999)}` },
    admins: [],
    aliases: {},
  };
  return {
    dir: 'bench',
    plan,
    org,
    reminders: DEFAULT_REMINDER_POLICY,
    version: 'bench',
    sections,
    warnings: [],
  };
}

function benchPlan(): Plan {
  const dueToday = addWorkdays(BENCH_DAY, 14);
  let slot = 0;
  const dueFor = () => {
    const n = slot++;
    if (n < DUE_TODAY) return dueToday;
    const month = 4 + (n % 9);
    return `2023-${String(month).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  };
  const chapters: Plan['chapters'] = [];
  for (let i = 0; i < ITEMS; i++) {
    const chapter = Math.floor(i / 1000) + 1;
    if (chapters.length < chapter) chapters.push({ number: chapter, title: `第${chapter}部分`, items: [] });
    const item: Item = {
      id: `${chapter}.${(i % 1000) + 1}`,
      title: `合成任务${i + 1}`,
      text: `合成任务${i + 1}的工作内容。`,
      points: [],
      leads: [sections[i % SECTIONS]!],
      partners: [],
      milestones: [1, 2, 3].map((m) => ({ text: `第${m}阶段工作`, due: dueFor(), every: null })),
      deadline: dueFor(),
      targets: [],
    };
    chapters[chapter - 1]!.items.push(item);
  }
  return { title: '合成工作要点', year: 2023, chapters };
}

async function main(): Promise<void> {
  const prefix = `bench-sweep-${randomBytes(4).toString('hex')}`;
  const admin = new Redis(REDIS_URL);
  const client = createRedis(REDIS_URL, { commandTimeoutMs: 120_000 });
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  let now = new Date(`${BENCH_DAY}T01:00:00Z`);
  const store = new RedisStore(client, { prefix, year: 2023, clock: () => now, timeZone: TZ });
  try {
    const pings: number[] = [];
    for (let i = 0; i < 1000; i++) pings.push(await time(() => admin.ping()));
    const ping = percentile(pings, 0.5);
    console.log(
      `Redis ${REDIS_URL}: PING round trip p50 ${ping.toFixed(3)} ms, p99 ${percentile(pings, 0.99).toFixed(3)} ms`,
    );

    const plan = benchPlan();
    const config = benchConfig(plan);
    const occurrences = expandOccurrences(plan, (names) => names);
    // In steps, as a city-scale first load should be: one sync script of 50,000 new items would
    // hold the shared Redis for ~15 s, and every other client would get BUSY meanwhile.
    let syncMs = 0;
    for (let n = SYNC_STEP; n < ITEMS + SYNC_STEP; n += SYNC_STEP) {
      const part = firstItems(plan, Math.min(n, ITEMS));
      const partOccurrences = expandOccurrences(part, (names) => names);
      syncMs += await time(() =>
        store.syncPlan({
          plan: part,
          occurrences: partOccurrences,
          version: 'bench',
          expandSections: (names) => names,
        }),
      );
    }
    console.log(
      `synced ${occurrences.length} occurrences in steps of ${SYNC_STEP} items, ${(syncMs / 1000).toFixed(1)} s in all (set-up, not a target)\n`,
    );

    const sent: OutgoingReminder[] = [];
    let seq = 0;
    const deps = {
      store,
      claims: storeReminderClaims(store),
      config,
      send: async (message: OutgoingReminder) => {
        sent.push(message);
        return { messageId: `om_bench_${++seq}` };
      },
    };

    // Nothing due first, so the big sweep's garbage does not land in these samples.
    now = instantOf(QUIET_DAY, '09:00', TZ);
    await sweep(now, deps); // warm-up
    const quiet: number[] = [];
    for (let i = 0; i < 200; i++) quiet.push(await time(() => sweep(now, deps)));
    if (sent.length > 0) throw new Error(`the nothing-due sweep sent ${sent.length} messages`);

    now = instantOf(BENCH_DAY, '09:00', TZ);
    const busyMs = await time(async () => {
      const report = await sweep(now, deps);
      if (report.failed.length > 0) throw new Error(`${report.failed.length} sends failed`);
    });
    const deliveries = sent.reduce((n, m) => n + m.occurrenceIds.length, 0);
    const cards = sent.length;
    const againMs = await time(() => sweep(now, deps));

    const row = (name: string, ms: number, target?: number) =>
      `| ${name} | ${ms.toFixed(1)} ms | ${(ms / ping).toFixed(0)}× | ${target === undefined ? '—' : `< ${target} ms ${ms < target ? 'OK' : 'MISS'}`} |`;
    console.log('| measurement | time | ×PING p50 | target |');
    console.log('|---|---|---|---|');
    console.log(row(`sweep, ${deliveries} due → ${cards} cards sent`, busyMs, 2000));
    console.log(row('same sweep again (all already sent; nothing sent)', againMs));
    console.log(row('sweep with nothing due, p50 of 200', percentile(quiet, 0.5), 10));
    console.log(row('sweep with nothing due, p99 of 200', percentile(quiet, 0.99), 10));
    console.log(`\nPING p50 ${ping.toFixed(3)} ms; ${occurrences.length} occurrences in the store.`);
    if (deliveries !== DUE_TODAY) throw new Error(`expected ${DUE_TODAY} deliveries, got ${deliveries}`);
    if (sent.length !== cards) throw new Error('the second sweep sent again');
  } finally {
    await store.close();
    let deleted = 0;
    for (const pattern of keyPatterns(prefix)) {
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
        cursor = next;
        if (keys.length > 0) deleted += await admin.unlink(...keys);
      } while (cursor !== '0');
    }
    console.log(`cleaned up ${deleted} keys under ${prefix}`);
    await admin.quit();
  }
}

async function time(op: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await op();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

await main();
