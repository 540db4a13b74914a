import type { PlanIndex } from './plan-index.js';
import { soundOf } from './sound.js';
import { isHanPair, termsOf } from './terms.js';

/**
 * A question's topic as terms to look up. Each of the asker's terms is a group: the term itself
 * when the plan has it; else the plan's terms that sound like it (a typo: 政经 → 政金); else
 * nothing (filler, or words the plan lacks) — such a term still counts against how much of the
 * question an item covers, but less, since most of them are chatter. Synonyms from
 * synonyms.yaml add groups that raise the score without being owed by the coverage.
 */
export interface QueryGroup {
  alternatives: { term: string; factor: number }[];
  /** What the group is worth in the coverage: 0 for synonym additions. */
  coverageWeight: number;
}

/** A question's worth of terms: enough for any real question, bounded for a pasted page. */
export const MAX_GROUPS = 24;
const SOUND_ALIKE = 0.8;
const UNKNOWN_SHARE = 0.35;

export function buildQuery(
  topic: string,
  index: PlanIndex,
  synonyms: Readonly<Record<string, readonly string[]>>,
): QueryGroup[] {
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  const expansions = Object.entries(synonyms).filter(([word]) => topic.includes(word));
  // A word the office taught duban is not chatter, even where the plan never uses it.
  const explained = new Set(expansions.flatMap(([word]) => termsOf(word)));
  for (const term of termsOf(topic)) {
    if (seen.has(term)) continue;
    seen.add(term);
    if (groups.length === MAX_GROUPS) break;
    if (index.postings.has(term)) {
      groups.push({ alternatives: [{ term, factor: 1 }], coverageWeight: index.idf(term) });
      continue;
    }
    const alike = isHanPair(term) ? (index.sounds.get(soundOf(term)) ?? []) : [];
    if (alike.length > 0) {
      const alternatives = alike.map((t) => ({ term: t, factor: SOUND_ALIKE }));
      groups.push({ alternatives, coverageWeight: Math.max(...alike.map((t) => index.idf(t))) });
    } else if (!explained.has(term)) {
      groups.push({ alternatives: [], coverageWeight: index.maxIdf * UNKNOWN_SHARE });
    }
  }
  for (const [, phrases] of expansions)
    for (const phrase of phrases)
      for (const term of termsOf(phrase)) {
        if (seen.has(term) || !index.postings.has(term)) continue;
        seen.add(term);
        groups.push({ alternatives: [{ term, factor: 1 }], coverageWeight: 0 });
      }
  return groups.slice(0, MAX_GROUPS);
}
