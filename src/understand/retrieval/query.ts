import type { PlanIndex } from './plan-index.js';
import { soundOf } from './sound.js';
import { isHanPair, termsOf } from './terms.js';

/**
 * A question's topic as terms to look up. Each of the asker's terms is a group: the term itself
 * when the plan has it, and — when a character looks mistyped — the plan's pairs that sound like
 * it (政经企 → 政金企); a group with neither (filler, words the plan lacks) still counts against
 * how much of the question an item covers, but less, since most such words are chatter.
 * Synonyms from synonyms.yaml add the plan's words for the asker's.
 */
export interface QueryGroup {
  alternatives: { term: string; factor: number }[];
  /** What the group is worth in the coverage: its idf; a synonym's share of the word it expands. */
  coverageWeight: number;
}

/** A question's worth of terms: enough for any real question, bounded for a pasted page. */
export const MAX_GROUPS = 24;
const SOUND_ALIKE = 0.8;
/** Pairs that sound alike are few in a plan; a cap keeps a common sound from fanning out. */
const MAX_ALIKE = 8;
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
  for (const { term, suspect } of topicTerms(topic, index)) {
    if (seen.has(term)) continue;
    seen.add(term);
    if (groups.length === MAX_GROUPS) break;
    const alike = suspect
      ? (index.sounds.get(soundOf(term)) ?? []).filter((t) => t !== term).slice(0, MAX_ALIKE)
      : [];
    const alternatives = [
      ...(index.postings.has(term) ? [{ term, factor: 1 }] : []),
      ...alike.map((t) => ({ term: t, factor: SOUND_ALIKE })),
    ];
    if (alternatives.length > 0) {
      groups.push({ alternatives, coverageWeight: Math.max(...alternatives.map((a) => index.idf(a.term))) });
    } else if (!explained.has(term)) {
      groups.push({ alternatives: [], coverageWeight: index.maxIdf * UNKNOWN_SHARE });
    }
  }
  // An expansion stands in for the word it expands: together its pairs are owed what the word's
  // own pairs would be, so an item holding "电信网络诈骗" covers the asker's "电诈".
  for (const [word, phrases] of expansions) {
    const owed = termsOf(word).length / phrases.length;
    for (const phrase of phrases) {
      const terms = termsOf(phrase).filter((t) => !seen.has(t) && index.postings.has(t));
      for (const term of terms) {
        seen.add(term);
        groups.push({
          alternatives: [{ term, factor: 1 }],
          coverageWeight: (index.idf(term) * owed) / terms.length,
        });
      }
    }
  }
  return groups.slice(0, MAX_GROUPS);
}

/**
 * The topic's terms, each Han pair marked suspect when one of its characters stands in a pair
 * the plan lacks: a typo breaks both pairs around it (政经企: 经企 is no pair of the plan, so 政经
 * and 经企 are suspect, though 政经 exists in 行政经费). A pair whose neighbours all exist is
 * taken as typed: 奖励 is not 建立.
 */
function topicTerms(topic: string, index: PlanIndex): { term: string; suspect: boolean }[] {
  const out: { term: string; suspect: boolean }[] = [];
  for (const chunk of topic.split(/\s+/)) {
    const terms = termsOf(chunk);
    const missing = terms.map((t) => isHanPair(t) && !index.postings.has(t));
    terms.forEach((term, i) => {
      const pair = isHanPair(term);
      // Neighbouring pairs share a character only within one Han run.
      const before =
        pair && i > 0 && isHanPair(terms[i - 1]!) && terms[i - 1]![1] === term[0] && missing[i - 1];
      const after = pair && isHanPair(terms[i + 1] ?? '') && terms[i + 1]![0] === term[1] && missing[i + 1];
      out.push({ term, suspect: pair && (missing[i]! || !!before || !!after) });
    });
  }
  return out;
}
