/**
 * 进展填报 notes on a real Redis (REDIS_URL, default 127.0.0.1:6379), each size under a prefix of
 * its own, deleted at the end. Run: `npx tsx bench/progress-notes.bench.ts`.
 *
 * Notes live in one list per plan year and every read takes the whole list (store/redis/
 * redis-progress.ts). Sizes: a bureau's year (15 sections × 12 months × 5 items = 900 notes) and
 * ten times that, to show what the whole-list read costs as it grows. Milliseconds per call, one
 * at a time, beside the PING round trip of the same window.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedis } from '../src/store/redis/create-redis.js';
import { keyPatterns } from '../src/store/redis/keys.js';
import { RedisStore } from '../src/store/redis/redis-store.js';
import { type Row, sample, table } from './store/measure.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SIZES = [900, 9_000];
const ITEMS = 100;
const TEXT = '已完成3家区直部门财政收支监督抽查，发现问题已督促整改，11月底前完成全部检查并形成报告';

const admin = new Redis(REDIS_URL);
const ping = () => admin.ping();
const rows: Row[] = [];
const prefixes: string[] = [];

try {
  for (const size of SIZES) {
    const prefix = `bench-notes-${randomBytes(4).toString('hex')}`;
    prefixes.push(prefix);
    const client = createRedis(REDIS_URL);
    await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    const store = new RedisStore(client, {
      prefix,
      year: 2023,
      clock: () => new Date('2023-11-27T01:00:00Z'),
    });
    const note = (i: number) => ({
      // 10 chapters × 10 items: 1.1 … 10.10.
      itemId: `${1 + Math.floor((i % ITEMS) / 10)}.${1 + (i % 10)}`,
      section: `科室${i % 15}`,
      by: '张三',
      byOpenId: 'ou_bench',
      text: TEXT,
    });
    for (let i = 0; i < size; i++) await store.addProgressNote(note(i));
    const bytes = Number(await admin.memory('USAGE', `{${prefix}:2023}:progress-notes`));
    const label = `${size} notes (${(bytes / 1024).toFixed(0)} KB in Redis)`;
    const item = note(0).itemId;
    rows.push({
      name: `${label}: progressNotes(item) — item card`,
      figure: 'p50',
      ...split(await sample(200, () => store.progressNotes(item), ping)),
    });
    rows.push({
      name: `${label}: progressNotes() — export, digest`,
      figure: 'p50',
      ...split(await sample(200, () => store.progressNotes(), ping)),
    });
    rows.push({
      name: `${label}: addProgressNote — a reply's line`,
      figure: 'p50',
      ...split(await sample(200, (i) => store.addProgressNote(note(i)), ping)),
    });
    await store.close();
  }
  console.log(table(rows));
} finally {
  for (const prefix of prefixes)
    for (const pattern of keyPatterns(prefix)) {
      const keys = await admin.keys(pattern);
      if (keys.length > 0) await admin.unlink(...keys);
    }
  admin.disconnect();
}

function split(sampled: Awaited<ReturnType<typeof sample>>) {
  const { ping: pingStats, ...stats } = sampled;
  return { stats, ping: pingStats };
}
