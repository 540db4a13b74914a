import type { Knowledge } from './knowledge.js';
import { buildPlanIndex } from './retrieval/plan-index.js';
import type { PlanItem } from './retrieval/plan-items.js';
import { buildQuery } from './retrieval/query.js';
import { rankItems } from './retrieval/rank.js';

/** One thing a reply may name: an occurrence, as its plan item and its own milestone. */
export interface Candidate {
  itemId: string;
  /** 1-based index of the occurrence's milestone ("9月底前…专项检查"); null for the item's deadline. */
  milestone: number | null;
}

/** A name must cover this much of the words, and stand clear of the next candidate, to count. */
const NAMED_COVERAGE = 0.45;
const CLEAR_MARGIN = 0.75;

/**
 * Which of a few candidates (the work on one reminder card) the words of a reply name: the same
 * ranking as a question's, over an index of just those candidates — a milestone as its title and
 * its own clause, a deadline as the whole item — so "预决算公开检查" tells 8.4's September check from its June one. The position
 * of the one named, or undefined when the words name none of them clearly.
 */
export function namedWithin(
  words: string,
  candidates: readonly Candidate[],
  knowledge: Knowledge,
): number | undefined {
  if (words.trim() === '') return undefined;
  const docs: PlanItem[] = [];
  candidates.forEach((c, i) => {
    const item = knowledge.index.byId.get(c.itemId);
    if (!item) return;
    // A milestone is its own clause; the item's deadline stands for the whole item.
    const own = c.milestone === null ? {} : { text: '', targets: [] };
    const milestones = c.milestone === null ? [] : item.milestones.slice(c.milestone - 1, c.milestone);
    docs.push({ ...item, id: String(i), milestones, ...own });
  });
  if (docs.length === 0) return undefined;
  const index = buildPlanIndex(docs);
  const [first, second] = rankItems(index, buildQuery(words, index, knowledge.synonyms), 2).hits;
  if (!first || first.coverage < NAMED_COVERAGE) return undefined;
  if (second && second.score >= first.score * CLEAR_MARGIN) return undefined;
  return Number(first.item.id);
}

/** The plan item the words name with high confidence, if any: a reply that names other work. */
export function namedInPlan(words: string, knowledge: Knowledge): string | undefined {
  if (words.trim() === '') return undefined;
  const ranking = rankItems(knowledge.index, buildQuery(words, knowledge.index, knowledge.synonyms), 2);
  return ranking.confidence === 'high' ? ranking.hits[0]!.item.id : undefined;
}
