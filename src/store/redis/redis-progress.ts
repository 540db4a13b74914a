import type { ProgressRow } from '../store.js';
import type { PlanKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';

/**
 * Progress from the due-day indexes: four O(log n) counts per chapter or section, read in one
 * MULTI so a confirm cannot land between them. `today` is a dayNumber; before it is overdue.
 */

interface IndexKeys {
  due: string;
  open: string;
  verified: string;
}

export async function readProgressByChapter(
  client: RedisClient,
  keys: PlanKeys,
  today: number,
): Promise<ProgressRow[]> {
  const chapters = Object.entries(await client.hgetall(keys.chapters))
    .map(([number, title]) => ({ number: Number(number), title }))
    .sort((a, b) => a.number - b.number);
  const counts = await readCounts(
    client,
    chapters.map((c) => ({
      due: keys.chapterDue(c.number),
      open: keys.chapterOpen(c.number),
      verified: keys.chapterVerified(c.number),
    })),
    today,
  );
  return chapters.map((c, i) => ({ key: String(c.number), label: c.title, ...counts[i]! }));
}

/** Sections that lead nothing active are left out. */
export async function readProgressBySection(
  client: RedisClient,
  keys: PlanKeys,
  today: number,
): Promise<ProgressRow[]> {
  const sections = (await client.smembers(keys.sections)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts = await readCounts(
    client,
    sections.map((s) => ({
      due: keys.sectionDue(s),
      open: keys.sectionOpen(s),
      verified: keys.sectionVerified(s),
    })),
    today,
  );
  return sections.map((s, i) => ({ key: s, label: s, ...counts[i]! })).filter((row) => row.total > 0);
}

type Counts = Omit<ProgressRow, 'key' | 'label'>;

async function readCounts(client: RedisClient, groups: IndexKeys[], today: number): Promise<Counts[]> {
  if (groups.length === 0) return [];
  const multi = client.multi();
  for (const g of groups) {
    multi.zcard(g.due);
    multi.zcard(g.open);
    multi.zcount(g.open, '-inf', `(${today}`);
    multi.zcard(g.verified);
  }
  const replies = (await multi.exec()) ?? [];
  const values = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  return groups.map((_, i) => {
    const [total, open, overdue, verified] = values.slice(4 * i, 4 * i + 4) as [
      number,
      number,
      number,
      number,
    ];
    return { total, done: total - open, verified, overdue, open: open - overdue };
  });
}
