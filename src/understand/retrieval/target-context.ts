import type { PlanItem } from './plan-items.js';
import type { QueryGroup } from './query.js';
import { confidenceOf, type RankedItem, type Ranking } from './rank.js';
import { termsOf } from './terms.js';

/**
 * "How much" is asked of a target, so for such questions an item with targets ranks above one
 * without, and the more of the question the clause around a target holds ("政府债券到期利息约
 * 14亿元" for "债券利息多少钱"), the higher. Clauses are cut at Chinese commas and full stops.
 */
const NO_TARGETS = 0.5;

export function rerankForTargets(ranking: Ranking, groups: QueryGroup[], limit = 5): Ranking {
  const hits = ranking.hits
    .map((hit) => ({ ...hit, score: hit.score * targetFactor(hit, groups) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return { hits, confidence: confidenceOf(hits) };
}

function targetFactor(hit: RankedItem, groups: QueryGroup[]): number {
  const clauses = targetClauses(hit.item);
  if (clauses.length === 0) return NO_TARGETS;
  const owed = groups.reduce((sum, g) => sum + g.coverageWeight, 0);
  if (owed === 0) return 1;
  let best = 0;
  for (const clause of clauses) {
    const terms = new Set(termsOf(clause));
    const held = groups
      .filter((g) => g.alternatives.some((a) => terms.has(a.term)))
      .reduce((sum, g) => sum + g.coverageWeight, 0);
    best = Math.max(best, held / owed);
  }
  return 1 + best;
}

export function targetClauses(item: PlanItem): string[] {
  const clauses = item.text.split(/[，。；;,]/);
  return item.targets.flatMap((t) => clauses.filter((c) => c.includes(t.text)));
}
