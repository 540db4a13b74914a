import { findCount, findDatePhrases } from './deadline-grammar.js';
import { toHalfWidth } from './import/normalize.js';
import type { Milestone } from './types.js';

/** Clause boundaries on half-width text: a clause ends at a full stop, semicolon, comma or the like. */
const CLAUSE_END = /[。;,!?]/;
/** A clause shorter than this once its date phrase is removed ("3月底前，") says nothing alone. */
const MIN_CLAUSE_CHARS = 6;
/** A clause is never read further than this either side of its phrase, so any input stays linear. */
const MAX_CLAUSE = 80;
const ORDINAL_PREFIX = /^\s*(?:[一二三四五六七八九十]+是|[（(]\S{1,3}[)）]|\d+[.、．])\s*/;

/**
 * Every dated, recurring or ongoing phrase in an item's text, each with the clause it stands in,
 * in text order.
 */
export function findMilestones(text: string, year: number): Milestone[] {
  const half = toHalfWidth(text);
  return findDatePhrases(half, year).map((phrase) => {
    const clause = clauseAround(text, half, phrase.index, phrase.length);
    const milestone: Milestone = { text: clause, due: phrase.due, every: phrase.every };
    const count = phrase.every ? findCount(toHalfWidth(clause)) : undefined;
    if (count !== undefined) milestone.count = count;
    if (phrase.day !== undefined) milestone.day = phrase.day;
    return milestone;
  });
}

/** The clause of `original` that holds [index, index+length), widened while it is too short to read. */
function clauseAround(original: string, half: string, index: number, length: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(half[start - 1]!) && index - start < MAX_CLAUSE) start--;
  let end = index + length;
  const limit = Math.min(half.length, index + length + MAX_CLAUSE);
  const advance = () => {
    while (end < limit && !CLAUSE_END.test(half[end]!)) end++;
  };
  advance();
  while (end < limit && end - start - length < MIN_CLAUSE_CHARS && half[end] !== '。') {
    end++;
    advance();
  }
  return original.slice(start, end).replace(ORDINAL_PREFIX, '').trim();
}
