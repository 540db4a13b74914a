import type { Item, Plan } from '../../src/plan/types.js';

/**
 * A synthetic plan of any size built from the reference plan's own phrases, so its text is real
 * Chinese bureaucratic prose. Every item has three dated milestones and a deadline (four
 * occurrences). The first `window` occurrences fall in the bench week and the next `overdue` just
 * before it, whatever the plan's size; the rest fall later.
 */
export const SYNTHETIC_SECTIONS = Array.from(
  { length: 40 },
  (_, i) => `科室${String(i + 1).padStart(2, '0')}`,
);

export interface SyntheticOptions {
  items: number;
  itemsPerChapter: number;
  /** Occurrences due in [weekStart, weekStart+6]. */
  window: number;
  /** Occurrences due in the days before weekStart. */
  overdue: number;
  seed: number;
}

export const BENCH_YEAR = 2023;
/** The bench's "today": 2023-01-10; the window is 01-10 … 01-16, overdue falls on 01-02 … 01-09. */
export const BENCH_TODAY = '2023-01-10';

export function syntheticPlan(reference: Plan, options: SyntheticOptions): Plan {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const phrases = reference.chapters
    .flatMap((c) => c.items.flatMap((i) => i.text.split(/[。；，、]/)))
    .map((p) => p.trim())
    .filter((p) => p.length >= 4);
  const titles = phrases.filter((p) => p.length <= 16);
  const laterDay = () => {
    const month = 2 + Math.floor(random() * 11);
    return `${BENCH_YEAR}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  };
  let slot = 0;
  const dueFor = (): string => {
    const n = slot++;
    if (n < options.window) return `${BENCH_YEAR}-01-${String(10 + (n % 7)).padStart(2, '0')}`;
    if (n < options.window + options.overdue) return `${BENCH_YEAR}-01-0${2 + (n % 8)}`;
    return laterDay();
  };
  const chapters: Plan['chapters'] = [];
  for (let i = 0; i < options.items; i++) {
    const chapterNo = Math.floor(i / options.itemsPerChapter) + 1;
    if (chapters.length < chapterNo)
      chapters.push({ number: chapterNo, title: `第${chapterNo}部分`, items: [] });
    const body = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(phrases));
    const leads =
      random() < 0.3 ? [pick(SYNTHETIC_SECTIONS), pick(SYNTHETIC_SECTIONS)] : [pick(SYNTHETIC_SECTIONS)];
    const item: Item = {
      id: `${chapterNo}.${(i % options.itemsPerChapter) + 1}`,
      title: pick(titles),
      text: `${body.join('，')}。`,
      points: [],
      leads: [...new Set(leads)],
      partners: [pick(SYNTHETIC_SECTIONS)],
      milestones: body.slice(0, 3).map((text) => ({ text, due: dueFor(), every: null })),
      deadline: dueFor(),
      targets: [],
    };
    chapters[chapterNo - 1]!.items.push(item);
  }
  return { title: `合成市级工作要点（${options.items}项）`, year: BENCH_YEAR, chapters };
}

/** The first `items` items of `plan` (whole chapters and a partial last one). */
export function firstItems(plan: Plan, items: number): Plan {
  const chapters: Plan['chapters'] = [];
  let left = items;
  for (const c of plan.chapters) {
    if (left <= 0) break;
    chapters.push({ ...c, items: c.items.slice(0, left) });
    left -= c.items.length;
  }
  return { ...plan, chapters };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
