import type { Item } from '../../plan/types.js';

/**
 * Chinese-aware keyword search, shared by both stores.
 *
 * Why character bigrams and not word segmentation: the plan is bureaucratic prose full of terms a
 * general-purpose dictionary splits wrongly or not at all (政金企, 预决算公开, 三公经费, 电子卖场),
 * and a segmenter would be a large dependency whose dictionary decides whether a query can match.
 * Bigrams need no dictionary, index every substring of two or more characters, and are what
 * Lucene's CJK analyzer does. Their weakness — a query's bigrams can all occur without the query
 * itself ("预决" … "算公开") — is removed by checking each candidate for the exact words, so a hit
 * always contains every word of the query.
 *
 * Ranking: per word, 3 × occurrences in the title + occurrences in the body (text and milestones);
 * summed over the words; ties go to plan order.
 *
 * Finding the best hits without scoring every match (Fagin's threshold algorithm): each word has
 * a list, the postings of its rarest bigram (lowest top weight among equals), walked from the
 * highest weight down, all lists a page at a time in step. Each newly met item's weight in every
 * bigram is read (ZMSCORE): missing one means no match. A word's score never exceeds the weight of
 * any of its bigrams, so per item the sum over words of its bigrams' lowest weight bounds its
 * score; a page's items are checked in order of that bound and, once it cannot beat the
 * `limit`-th best score so far, not read at all. The walk stops when a list runs out (an unseen
 * item cannot have that bigram) or when the `limit`-th best score reaches the sum of the lists'
 * last weights — all an unseen item could still score. Ties at the cut-off go to items met first.
 * Both stores run exactly this (memory-search-index.ts, the search script) and answer alike.
 */
export const TITLE_WEIGHT = 3;

/** Postings read by the first step of the threshold walk; each further step reads twice as many, up to SEARCH_PAGE_MAX. */
export const SEARCH_PAGE = 64;
export const SEARCH_PAGE_MAX = 256;

export interface QueryPlan {
  words: { text: string; terms: string[] }[];
  /** Every bigram of every word, first appearance first. */
  terms: string[];
}

/** The words of `query` with their bigrams; null when no word has two characters (nothing to look up). */
export function planQuery(query: string): QueryPlan | null {
  const words = queryWords(query).map((text) => ({ text, terms: bigrams(text) }));
  const terms = [...new Set(words.flatMap((w) => w.terms))];
  return terms.length === 0 ? null : { words, terms };
}

export interface SearchEntry {
  /** Normalised title and body: letters and digits only, lower case. */
  title: string;
  body: string;
  /** Plan-order tie-breaker. */
  sortKey: number;
  /** Bigram → TITLE_WEIGHT × positions in the title + positions in the body (only orders candidates). */
  terms: Map<string, number>;
}

/** NFKC (full-width → half-width), lower case, letters and digits only: "“政金企”" → "政金企". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The words of a query: split on spaces and punctuation, normalised; empty words dropped. */
export function queryWords(query: string): string[] {
  const words = query
    .normalize('NFKC')
    .split(/[\s,，、;；]+/u)
    .map(normalizeText)
    .filter((w) => w !== '');
  return [...new Set(words)];
}

/** Distinct bigrams of a normalised string, by code point; a one-character string has none. */
export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

export function searchEntry(item: Item): SearchEntry {
  const title = normalizeText(item.title);
  const text = normalizeText(item.text);
  const extra = item.milestones
    .map((m) => normalizeText(m.text))
    .filter((m) => m !== '' && !text.includes(m));
  const body = [text, ...extra].join('');
  const terms = new Map<string, number>();
  addBigramCounts(terms, title, TITLE_WEIGHT);
  addBigramCounts(terms, body, 1);
  return { title, body, sortKey: itemSortKey(item.id), terms };
}

/** Adds `weight` per bigram position of `text` (one pass: a 50,000-item sync indexes in well under a second). */
function addBigramCounts(terms: Map<string, number>, text: string, weight: number): void {
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) {
    const term = chars[i]! + chars[i + 1]!;
    terms.set(term, (terms.get(term) ?? 0) + weight);
  }
}

/** The rank of an entry for `words`: 0 when any word is missing from both title and body. */
export function scoreEntry(entry: Pick<SearchEntry, 'title' | 'body'>, words: readonly string[]): number {
  let score = 0;
  for (const word of words) {
    const s = TITLE_WEIGHT * countOf(entry.title, word) + countOf(entry.body, word);
    if (s === 0) return 0;
    score += s;
  }
  return score;
}

/** `8.4` → 8_000_004: numeric plan order that a Lua script can compare too. */
export function itemSortKey(id: string): number {
  const m = /^(\d+)\.(\d+)$/.exec(id);
  return m ? Number(m[1]) * 1_000_000 + Number(m[2]) : Number.MAX_SAFE_INTEGER;
}

/** Non-overlapping occurrences, left to right (the Lua search counts the same way). */
export function countOf(text: string, word: string): number {
  if (word === '') return 0;
  let count = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) count++;
  return count;
}
