import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/plan/importer.js';
import type { Plan } from '../../src/plan/types.js';
import { planQuery, scoreEntry, searchEntry } from '../../src/store/search/search-text.js';
import { fixtureItem } from '../helpers/plan-fixture.js';
import { readReferencePlan } from '../helpers/reference-plan.js';
import type { ContractContext } from './contract.js';

/** The queries people ask about the 2023 plan and the item each must find first. */
export const RANKED_QUERIES: [query: string, itemId: string][] = [
  ['政金企', '6.2'],
  ['预决算公开', '8.4'],
  ['代理记账', '8.4'],
  ['隐性债务', '5.1'],
  ['电子卖场', '8.3'],
  ['驻村第一书记', '9.1'],
  ['三公经费', '3.1'],
  ['专项债券', '4.2'],
  ['国企改革', '7.2'],
  ['人大 预算草案', '3.1'],
];

function referencePlan(): Plan {
  return importPlan(readReferencePlan()).plan;
}

/** `n` items made of the reference plan's phrases, so that common words match hundreds of items. */
function crowdedPlan(reference: Plan, n: number): Plan {
  const phrases = reference.chapters
    .flatMap((c) => c.items.flatMap((i) => i.text.split(/[。；，]/)))
    .filter((p) => p.length > 3);
  const items = Array.from({ length: n }, (_, i) =>
    fixtureItem({
      id: `1.${i + 1}`,
      title: phrases[(i * 7) % phrases.length]!.slice(0, 12),
      text: [0, 1, 2].map((k) => phrases[(i * 13 + k * 101) % phrases.length]).join('，'),
    }),
  );
  return { title: 'crowded', year: 2023, chapters: [{ number: 1, title: 'c', items }] };
}

const hitIds = (hits: { item: { id: string } }[]) => hits.map((h) => h.item.id);

export function searchContract(ctx: ContractContext): void {
  describe('keyword search', () => {
    it.each(RANKED_QUERIES)('"%s" finds %s first in the reference plan', async (query, itemId) => {
      await ctx.sync(referencePlan());
      const hits = await ctx.store.search(query);
      expect(hits[0]?.item.id).toBe(itemId);
      expect(hits[0]?.score).toBeGreaterThan(0);
    });

    it('narrows with every word added: each hit contains all the words', async () => {
      await ctx.sync(referencePlan());
      const broad = hitIds(await ctx.store.search('预算', { limit: 50 }));
      const narrow = hitIds(await ctx.store.search('预算 人大', { limit: 50 }));
      expect(broad.length).toBeGreaterThan(5);
      expect(narrow).toEqual(['3.1']);
      // 4.2 is about 专项债券: 债券, not 债务.
      const both = hitIds(await ctx.store.search('预算，债务', { limit: 50 }));
      expect(both).toEqual(expect.arrayContaining(['5.1', '5.2']));
      expect(both).not.toContain('4.2');
      expect(await ctx.store.search('政金企 人大')).toEqual([]);
    });

    it('never returns an item whose bigrams match but whose words do not', async () => {
      // "预决算公开" shares all its bigrams with "预决…决算…算公…公开" scattered through 1.3.
      await ctx.sync(referencePlan());
      expect(hitIds(await ctx.store.search('预决算公开', { limit: 50 }))).toEqual(['8.4']);
    });

    it('weighs titles above body text, then counts occurrences, then plan order', async () => {
      const plan: Plan = {
        title: 't',
        year: 2023,
        chapters: [
          {
            number: 1,
            title: 'c',
            items: [
              fixtureItem({ id: '1.1', title: '一般事项', text: '一般事项。开展绩效评价和绩效评价复核。' }),
              fixtureItem({ id: '1.2', title: '绩效评价', text: '绩效评价。做好工作。' }),
              fixtureItem({ id: '1.3', title: '其他事项', text: '其他事项。开展绩效评价。' }),
              fixtureItem({ id: '1.4', title: '另一事项', text: '另一事项。开展绩效评价。' }),
            ],
          },
        ],
      };
      await ctx.sync(plan);
      const hits = await ctx.store.search('绩效评价');
      expect(hitIds(hits)).toEqual(['1.2', '1.1', '1.3', '1.4']);
      expect(hits.map((h) => h.score)).toEqual([4, 2, 1, 1]);
    });

    it('matches across full-width forms, case and punctuation', async () => {
      await ctx.sync(referencePlan());
      expect(hitIds(await ctx.store.search('“政金企”'))[0]).toBe('6.2');
      expect(hitIds(await ctx.store.search('学习强国app'))).toEqual(['1.1']);
    });

    it('answers nothing for queries it cannot index, and honours the limit', async () => {
      await ctx.sync(referencePlan());
      expect(await ctx.store.search('')).toEqual([]);
      expect(await ctx.store.search('，。')).toEqual([]);
      expect(await ctx.store.search('税')).toEqual([]);
      expect(await ctx.store.search('量子计算')).toEqual([]);
      expect(await ctx.store.search('预算', { limit: 2 })).toHaveLength(2);
      await expect(ctx.store.search('预算', { limit: 0 })).rejects.toMatchObject({ code: 'BAD_LIMIT' });
    });

    it('ranks a large plan exactly as scoring every item would, reading only part of it', async () => {
      const plan = crowdedPlan(referencePlan(), 600);
      await ctx.sync(plan);
      const items = plan.chapters.flatMap((c) => c.items);
      for (const query of [
        '预算',
        '政金企',
        '专项债券',
        '人大 预算草案',
        '绩效 评价 预算',
        '金融机构',
        '预算 算',
        '财政 政府 资金',
      ]) {
        const words = planQuery(query)!.words.map((w) => w.text);
        const expected = items
          .map((item) => ({ id: item.id, score: scoreEntry(searchEntry(item), words) }))
          .filter((h) => h.score > 0)
          .sort((a, b) => b.score - a.score)
          .slice(0, 10);
        const hits = await ctx.store.search(query);
        expect(expected.length, query).toBeGreaterThan(0);
        expect(
          hits.map((h) => h.score),
          query,
        ).toEqual(expected.map((h) => h.score));
        const truth = new Map(expected.map((h) => [h.id, h.score]));
        for (const hit of hits) if (truth.has(hit.item.id)) expect(hit.score).toBe(truth.get(hit.item.id));
      }
    });

    it('returns whole items with their sections', async () => {
      await ctx.sync(referencePlan());
      const [hit] = await ctx.store.search('政金企');
      expect(hit?.item).toMatchObject({
        id: '6.2',
        title: '持续抓好金融服务',
        leadSections: ['金融服务中心'],
      });
      expect(hit?.item.milestones).toHaveLength(2);
    });
  });
}
