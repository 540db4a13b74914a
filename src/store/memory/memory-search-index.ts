import {
  planQuery,
  type QueryPlan,
  SEARCH_PAGE,
  SEARCH_PAGE_MAX,
  type SearchEntry,
  scoreEntry,
} from '../search/search-text.js';

interface Hit {
  id: string;
  score: number;
  sortKey: number;
}

type Posting = Map<string, number>;

/**
 * The bigram index of the in-memory store. search() walks it step for step as the Redis search
 * script walks its sorted sets (see search-text.ts), so both stores give the same answers.
 */
export class MemorySearchIndex {
  private readonly entries = new Map<string, SearchEntry>();
  private readonly postings = new Map<string, Posting>();

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
    const posting = (term: string): Posting => this.postings.get(term) ?? new Map();
    if (plan.terms.some((t) => posting(t).size === 0)) return [];
    const top = new Map(plan.terms.map((t) => [t, maxWeight(posting(t))]));
    const lists = plan.words
      .filter((w) => w.terms.length > 0)
      .map((w) => {
        const term = w.terms.reduce((best, t) => {
          const [c, cb] = [posting(t).size, posting(best).size];
          return c < cb || (c === cb && top.get(t)! < top.get(best)!) ? t : best;
        });
        return { walk: walkOrder(posting(term)), last: top.get(term)! };
      });
    const unbounded = plan.words.some((w) => w.terms.length === 0);
    const words = plan.words.map((w) => w.text);
    let hits: Hit[] = [];
    const cut = () => (hits.length >= limit ? hits[limit - 1]!.score : undefined);
    const check = (ids: string[]) => {
      const candidates = ids
        .map((id, position) => ({ id, position, bound: boundOf(plan, posting, id) }))
        .filter((c): c is { id: string; position: number; bound: number } => c.bound !== undefined)
        .sort((a, b) => b.bound - a.bound || a.position - b.position);
      for (const { id, bound } of candidates) {
        const kth = cut();
        if (kth !== undefined && bound <= kth) break;
        const entry = this.entries.get(id)!;
        const score = scoreEntry(entry, words);
        if (score > 0)
          hits = [...hits, { id, score, sortKey: entry.sortKey }]
            .sort((a, b) => b.score - a.score || a.sortKey - b.sortKey)
            .slice(0, limit);
      }
    };
    const seen = new Set<string>();
    for (let start = 0, size = SEARCH_PAGE; ; start += size, size = Math.min(size * 2, SEARCH_PAGE_MAX)) {
      const ids: string[] = [];
      let exhausted = false;
      for (const list of lists) {
        const page = list.walk.slice(start, start + size);
        if (page.length > 0) list.last = page[page.length - 1]![1];
        if (page.length < size) exhausted = true;
        for (const [id] of page) {
          if (seen.has(id)) continue;
          seen.add(id);
          ids.push(id);
        }
      }
      check(ids);
      if (exhausted) break;
      const kth = cut();
      if (!unbounded && kth !== undefined && kth >= lists.reduce((sum, l) => sum + l.last, 0)) break;
    }
    return hits.map(({ id, score }) => ({ id, score }));
  }
}

/** Per word, the lowest weight among its bigrams, summed: at least the item's score. Undefined when a bigram is missing. */
function boundOf(plan: QueryPlan, posting: (term: string) => Posting, id: string): number | undefined {
  let bound = 0;
  for (const word of plan.words) {
    if (word.terms.length === 0) {
      bound = Infinity;
      continue;
    }
    let low = Infinity;
    for (const term of word.terms) {
      const w = posting(term).get(id);
      if (w === undefined) return undefined;
      low = Math.min(low, w);
    }
    bound += low;
  }
  return bound;
}

/** Redis ZREVRANGE order: weight descending, then member descending. */
function walkOrder(posting: Posting): [string, number][] {
  return [...posting].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
}

function maxWeight(posting: Posting): number {
  let max = 0;
  for (const w of posting.values()) if (w > max) max = w;
  return max;
}
