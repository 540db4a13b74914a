import type { PlanIndex } from './plan-index.js';
import type { PlanItem } from './plan-items.js';
import type { QueryGroup } from './query.js';

/**
 * Items ranked for a query, with how sure the ranking is:
 * - high: the best item covers most of what was asked and stands clear of the next;
 * - middle: it covers a fair part, or a close second competes — answer it, offer the others;
 * - low: something matched, but too little to answer — offer, do not answer;
 * - none: nothing matched.
 */
export type Confidence = 'high' | 'middle' | 'low' | 'none';

export interface RankedItem {
  item: PlanItem;
  score: number;
  /** Share of the question's term weight this item holds, 0..1. */
  coverage: number;
}

export interface Ranking {
  hits: RankedItem[];
  confidence: Confidence;
}

const K1 = 1.2;
const HIGH_COVERAGE = 0.7;
const MIDDLE_COVERAGE = 0.45;
/** Below this, a match is a stray shared pair ("注入" in "粗体注入"): not worth offering. */
const LOW_COVERAGE = 0.3;
/** The runner-up must score below this share of the best for the best to stand alone. */
const CLEAR_MARGIN = 0.75;

/** `boost`: a factor per item index (the section the question named leads it). */
export function rankItems(
  index: PlanIndex,
  groups: QueryGroup[],
  limit = 5,
  boost?: (item: PlanItem) => number,
): Ranking {
  const n = index.items.length;
  const scores = new Float64Array(n);
  const covered = new Float64Array(n);
  const best = new Float64Array(n);
  const bestFactor = new Float64Array(n);
  const touched: number[] = [];
  let owed = 0;
  for (const group of groups) {
    owed += group.coverageWeight;
    const hitDocs: number[] = [];
    for (const { term, factor } of group.alternatives) {
      const idf = index.idf(term);
      for (const { doc, weight } of index.postings.get(term) ?? []) {
        const s = (factor * idf * weight * (K1 + 1)) / (weight + K1);
        if (best[doc] === 0) hitDocs.push(doc);
        if (s > best[doc]!) {
          best[doc] = s;
          bestFactor[doc] = factor;
        }
      }
    }
    for (const doc of hitDocs) {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc]! += best[doc]!;
      // A pair that only sounds like the asker's counts for less than the pair itself.
      covered[doc]! += group.coverageWeight * bestFactor[doc]!;
      best[doc] = 0;
    }
  }
  const hits = touched
    .map((doc) => {
      const item = index.items[doc]!;
      const score = scores[doc]! * (boost?.(item) ?? 1);
      return { doc, item, score, coverage: owed > 0 ? covered[doc]! / owed : 0 };
    })
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, limit)
    .map(({ item, score, coverage }) => ({ item, score, coverage }));
  return { hits, confidence: confidenceOf(hits) };
}

export function confidenceOf(hits: RankedItem[]): Confidence {
  const [first, second] = hits;
  if (!first) return 'none';
  const clear = !second || second.score < first.score * CLEAR_MARGIN;
  if (first.coverage >= HIGH_COVERAGE && clear) return 'high';
  if (first.coverage >= MIDDLE_COVERAGE) return 'middle';
  return first.coverage >= LOW_COVERAGE ? 'low' : 'none';
}
