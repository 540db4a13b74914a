import type { SearchHit, Store, StoredItem } from '../store/store.js';

/**
 * Search as people ask: "谁负责预决算公开检查" is not a phrase of the plan ("预决算公开进行专项检查"),
 * so when the words as typed find nothing, each long word is cut into overlapping three-character
 * pieces and items are ranked by how many pieces they contain. A piece must appear verbatim, so
 * the loosening never matches an item that shares only stray characters.
 */
export interface FoundItems {
  hits: { item: StoredItem; score: number }[];
  /** True when the words as typed matched nothing and pieces were used. */
  loosened: boolean;
}

const PIECE = 3;
/**
 * Store searches one question may cost, whatever its length: the first words and pieces are
 * what a person asks about; a pasted page must not fan out into thousands of lookups.
 */
const MAX_WORDS = 8;
const MAX_PIECES = 24;

export async function findItems(store: Store, words: string[], limit = 5): Promise<FoundItems> {
  words = words.slice(0, MAX_WORDS);
  if (words.length === 0) return { hits: [], loosened: false };
  const exact = await store.search(words.join(' '), { limit });
  if (exact.length > 0) return { hits: exact, loosened: false };
  const pieces = [...new Set(words.flatMap((w) => piecesOf(w, PIECE)))].slice(0, MAX_PIECES);
  if (pieces.length <= 1 && words.every((w) => Array.from(w).length <= PIECE))
    return { hits: [], loosened: false };
  return { hits: await tallyPieces(store, pieces, limit), loosened: true };
}

/**
 * For a question that matched nothing: items sharing at least two two-character pieces with it
 * ("预算公开" → 8.4 预决算公开), offered as "是不是想问" rather than answered as a match.
 */
export async function suggestItems(store: Store, words: string[], limit = 3): Promise<StoredItem[]> {
  const pieces = [...new Set(words.slice(0, MAX_WORDS).flatMap((w) => piecesOf(w, 2)))].slice(0, MAX_PIECES);
  if (pieces.length < 2) return [];
  return (await tallyPieces(store, pieces, limit)).map((h) => h.item);
}

/** Items ranked by how many pieces they contain; at least two, and at least half of them. */
async function tallyPieces(
  store: Store,
  pieces: string[],
  limit: number,
): Promise<{ item: StoredItem; score: number }[]> {
  const tally = new Map<string, { item: StoredItem; score: number }>();
  for (const piece of pieces) {
    for (const hit of await store.search(piece, { limit: 20 })) add(tally, hit);
  }
  // At least half the pieces must be present: one shared piece ("工作") is noise, not a match.
  const needed = Math.max(2, Math.ceil(pieces.length / 2));
  return [...tally.values()]
    .filter((h) => Math.floor(h.score) >= needed)
    .sort((a, b) => b.score - a.score || a.item.order - b.item.order)
    .slice(0, limit);
}

/** Each piece found counts 1; the store's own score breaks ties between equal counts. */
function add(tally: Map<string, { item: StoredItem; score: number }>, hit: SearchHit): void {
  const entry = tally.get(hit.item.id) ?? { item: hit.item, score: 0 };
  entry.score += 1 + Math.min(hit.score, 99) / 100;
  tally.set(hit.item.id, entry);
}

function piecesOf(word: string, size: number): string[] {
  const chars = Array.from(word);
  if (chars.length <= size) return [word];
  const out: string[] = [];
  for (let i = 0; i + size <= chars.length; i++) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** Whether the best hit stands clearly above the next: otherwise the asker should choose. */
export function isClearWinner(hits: { score: number }[]): boolean {
  if (hits.length <= 1) return true;
  return hits[0]!.score >= hits[1]!.score * 1.5;
}
