import {
  queryTerms,
  queryWords,
  SEARCH_CANDIDATES,
  type SearchEntry,
  scoreEntry,
} from '../search/search-text.js';

/**
 * The bigram index of the in-memory store, answering exactly like the Redis search script:
 * intersect the query's bigram postings keeping the smallest weight, keep the best
 * SEARCH_CANDIDATES, check each for the exact words, rank by scoreEntry then plan order.
 */
export class MemorySearchIndex {
  private readonly entries = new Map<string, SearchEntry>();
  private readonly postings = new Map<string, Map<string, number>>();

  put(id: string, entry: SearchEntry): void {
    this.remove(id);
    this.entries.set(id, entry);
    for (const [term, weight] of entry.terms) {
      const posting = this.postings.get(term) ?? new Map<string, number>();
      posting.set(id, weight);
      this.postings.set(term, posting);
    }
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const term of entry.terms.keys()) {
      const posting = this.postings.get(term)!;
      posting.delete(id);
      if (posting.size === 0) this.postings.delete(term);
    }
  }

  /** Item ids with their scores, best first, at most `limit`. */
  search(query: string, limit: number): { id: string; score: number }[] {
    const words = queryWords(query);
    const terms = queryTerms(words);
    if (terms.length === 0) return [];
    const postings = terms.map((t) => this.postings.get(t) ?? new Map<string, number>());
    postings.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = postings as [Map<string, number>, ...Map<string, number>[]];
    const candidates: { id: string; weight: number }[] = [];
    for (const [id, weight] of smallest) {
      let min = weight;
      let inAll = true;
      for (const p of rest) {
        const w = p.get(id);
        if (w === undefined) {
          inAll = false;
          break;
        }
        min = Math.min(min, w);
      }
      if (inAll) candidates.push({ id, weight: min });
    }
    // Redis ZREVRANGE order: weight descending, then member descending.
    candidates.sort((a, b) => b.weight - a.weight || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return candidates
      .slice(0, SEARCH_CANDIDATES)
      .map(({ id }) => ({ id, entry: this.entries.get(id)! }))
      .map(({ id, entry }) => ({ id, score: scoreEntry(entry, words), sortKey: entry.sortKey }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.sortKey - b.sortKey)
      .slice(0, limit)
      .map(({ id, score }) => ({ id, score }));
  }
}
