import { planQuery, SEARCH_PAGE, type SearchEntry, scoreEntry } from '../search/search-text.js';

interface Hit {
  id: string;
  score: number;
  sortKey: number;
}

/**
 * The bigram index of the in-memory store. search() walks it exactly as the Redis search script
 * walks its sorted sets (see search-text.ts), so both stores give the same answers.
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
    const plan = planQuery(query);
    if (!plan) return [];
    const posting = (term: string) => this.postings.get(term) ?? new Map<string, number>();
    let rarest = '';
    let rarestWord = -1;
    plan.words.forEach((word, w) => {
      for (const term of word.terms)
        if (rarestWord < 0 || posting(term).size < posting(rarest).size) {
          rarest = term;
          rarestWord = w;
        }
    });
    let others = 0;
    plan.words.forEach((word, w) => {
      if (w !== rarestWord)
        others +=
          word.terms.length === 0 ? Infinity : Math.min(...word.terms.map((t) => maxWeight(posting(t))));
    });
    const words = plan.words.map((w) => w.text);
    // Redis ZREVRANGE order: weight descending, then member descending.
    const walk = [...posting(rarest)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
    let hits: Hit[] = [];
    for (let start = 0; start < walk.length; start += SEARCH_PAGE) {
      const page = walk.slice(start, start + SEARCH_PAGE);
      const kth = hits.length >= limit ? hits[limit - 1]!.score : undefined;
      for (const [id] of page) {
        const weights = plan.terms.map((t) => posting(t).get(id));
        if (weights.some((w) => w === undefined)) continue;
        const weightOf = new Map(plan.terms.map((t, i) => [t, weights[i]!]));
        const bound = plan.words.reduce(
          (sum, word) =>
            sum + (word.terms.length === 0 ? Infinity : Math.min(...word.terms.map((t) => weightOf.get(t)!))),
          0,
        );
        if (kth !== undefined && bound <= kth) continue;
        const entry = this.entries.get(id)!;
        const score = scoreEntry(entry, words);
        if (score > 0) hits.push({ id, score, sortKey: entry.sortKey });
      }
      hits = hits.sort((a, b) => b.score - a.score || a.sortKey - b.sortKey).slice(0, limit);
      const lastWeight = page[page.length - 1]![1];
      if (page.length < SEARCH_PAGE) break;
      if (hits.length >= limit && hits[limit - 1]!.score >= lastWeight + others) break;
    }
    return hits.map(({ id, score }) => ({ id, score }));
  }
}

function maxWeight(posting: Map<string, number>): number {
  let max = 0;
  for (const w of posting.values()) if (w > max) max = w;
  return max;
}
