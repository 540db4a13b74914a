import type { PlanItem } from './plan-items.js';
import { soundOf } from './sound.js';
import { isHanPair, termsOf } from './terms.js';

/**
 * The plan's items indexed for ranked search (BM25F over character pairs): built once per config
 * version, searched per question. A term's weight in an item sums its fields, each by its own
 * weight and normalised by its length, so a word in a title counts for more than the same word
 * deep in a long text, and a long text does not win by being long.
 */
export interface PlanIndex {
  items: PlanItem[];
  byId: Map<string, PlanItem>;
  /** term → [item index, saturated-ready weight] for every item holding it. */
  postings: Map<string, Posting[]>;
  /** Loose pinyin of a Han pair → the plan's pairs that sound like it. */
  sounds: Map<string, string[]>;
  /** ln(1 + (N − df + 0.5)/(df + 0.5)): rare terms say more. */
  idf(term: string): number;
  /** The idf of a term found in one item only: the most a term can say. */
  maxIdf: number;
}

export interface Posting {
  doc: number;
  weight: number;
}

interface Field {
  weight: number;
  /** Length normalisation: 0 ignores length, 1 divides by it fully. */
  b: number;
  text: (item: PlanItem) => string;
}

/** Titles name a task as people do; milestones and targets are what people ask about. */
const FIELDS: Field[] = [
  { weight: 4, b: 0.3, text: (i) => i.title },
  { weight: 2, b: 0.5, text: (i) => i.milestones.map((m) => m.text).join(' ') },
  { weight: 1.5, b: 0.5, text: (i) => i.targets.map((t) => t.text).join(' ') },
  { weight: 1, b: 0.75, text: (i) => i.text },
  { weight: 0.5, b: 0.3, text: (i) => i.chapterTitle },
];

export function buildPlanIndex(items: PlanItem[]): PlanIndex {
  const fieldTerms = items.map((item) => FIELDS.map((f) => termsOf(f.text(item))));
  const avgLength = FIELDS.map(
    (_, f) => fieldTerms.reduce((sum, fields) => sum + fields[f]!.length, 0) / Math.max(1, items.length) || 1,
  );
  // Terms numbered once, weights summed per item in a scratch array: a 5,000-item plan has
  // ~1.5 M term occurrences, and a Map per item would be most of the build.
  const ids = new Map<string, number>();
  const lists: Posting[][] = [];
  const scratch: number[] = [];
  fieldTerms.forEach((fields, doc) => {
    const touched: number[] = [];
    fields.forEach((terms, f) => {
      const { weight, b } = FIELDS[f]!;
      const add = weight / (1 - b + (b * terms.length) / avgLength[f]!);
      for (const term of terms) {
        let id = ids.get(term);
        if (id === undefined) {
          id = lists.length;
          ids.set(term, id);
          lists.push([]);
          scratch.push(0);
        }
        if (scratch[id] === 0) touched.push(id);
        scratch[id]! += add;
      }
    });
    for (const id of touched) {
      lists[id]!.push({ doc, weight: scratch[id]! });
      scratch[id] = 0;
    }
  });
  const postings = new Map<string, Posting[]>();
  for (const [term, id] of ids) postings.set(term, lists[id]!);
  const sounds = new Map<string, string[]>();
  for (const term of postings.keys()) {
    if (!isHanPair(term)) continue;
    const sound = soundOf(term);
    const same = sounds.get(sound);
    if (same) same.push(term);
    else sounds.set(sound, [term]);
  }
  const n = items.length;
  const idf = (term: string) => {
    const df = postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  return {
    items,
    byId: new Map(items.map((item) => [item.id, item])),
    postings,
    sounds,
    idf,
    maxIdf: Math.log(1 + (n - 0.5) / 1.5),
  };
}
