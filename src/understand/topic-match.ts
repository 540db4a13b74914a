import type { Knowledge } from './knowledge.js';
import type { PlanItem } from './retrieval/plan-items.js';
import { buildQuery, type QueryGroup } from './retrieval/query.js';
import { targetClauses } from './retrieval/target-context.js';
import { termsOf } from './retrieval/terms.js';

/**
 * Which part of an item the question's words point at: "预决算公开检查几号截止" → 8.4's first
 * milestone, not its 12月31日 deadline; "存贷款增长多少" → 6.1's 13％, not its 4家. Typos and
 * synonyms count as in the ranking (the same query groups).
 */

/** Index of the milestone the topic names best; undefined when it names none of them. */
export function matchingMilestone(item: PlanItem, topic: string, knowledge: Knowledge): number | undefined {
  const groups = buildQuery(topic, knowledge.index, knowledge.synonyms);
  const scores = item.milestones.map((m) => heldBy(termsOf(m.text), groups));
  const best = Math.max(0, ...scores);
  return best > 0 ? scores.indexOf(best) : undefined;
}

/** The item's targets, the one whose clause the topic names best first. */
export function targetsByTopic(item: PlanItem, topic: string, knowledge: Knowledge): PlanItem['targets'] {
  const groups = buildQuery(topic, knowledge.index, knowledge.synonyms);
  const scored = item.targets.map((target, order) => {
    const clause = targetClauses({ ...item, targets: [target] }).join('，');
    return { target, order, score: heldBy(termsOf(clause), groups) };
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.target);
}

/** The clause of the item's text a target stands in ("力争引进意向金融、保险、证券等相关机构4家"). */
export function clauseOf(item: PlanItem, target: PlanItem['targets'][number]): string {
  const clause = targetClauses({ ...item, targets: [target] })[0] ?? target.text;
  // "二是抽取…": the plan's enumeration is not part of what the figure is about.
  return clause.replace(/^[一二三四五六七八九十]是/, '');
}

function heldBy(terms: string[], groups: QueryGroup[]): number {
  const present = new Set(terms);
  return groups
    .filter((g) => g.alternatives.some((a) => present.has(a.term)))
    .reduce((sum, g) => sum + Math.max(g.coverageWeight, 0.1), 0);
}
