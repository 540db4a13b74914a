import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { ledgerRows } from '../../src/store/ledger-export.js';
import { fixtureItem, fixturePlan } from '../helpers/plan-fixture.js';
import type { ContractContext } from './contract.js';
import { syncInput } from './contract.js';

function withoutItem(plan: Plan, id: string): Plan {
  return {
    ...plan,
    chapters: plan.chapters.map((c) => ({ ...c, items: c.items.filter((i) => i.id !== id) })),
  };
}

function editItem(
  plan: Plan,
  id: string,
  edit: (item: Plan['chapters'][number]['items'][number]) => void,
): Plan {
  const copy = structuredClone(plan);
  for (const c of copy.chapters) for (const i of c.items) if (i.id === id) edit(i);
  return copy;
}

export function planContract(ctx: ContractContext): void {
  describe('plan sync', () => {
    it('adds every item and occurrence once; a second sync of the same content changes nothing', async () => {
      const first = await ctx.sync();
      expect(first).toEqual({
        changed: true,
        added: ['1.1', '1.2', '2.1'],
        updated: [],
        archived: [],
        occurrences: { added: 8, updated: 0, archived: 0 },
      });
      const before = ledgerRows(await ctx.store.allOccurrences(), { requireVerify: false });
      const second = await ctx.sync();
      expect(second.changed).toBe(false);
      expect(second.added).toEqual([]);
      expect(second.occurrences).toEqual({ added: 0, updated: 0, archived: 0 });
      expect(ledgerRows(await ctx.store.allOccurrences(), { requireVerify: false })).toEqual(before);
      // 8 occurrences; 1.2's five have two lead sections each: 13 units.
      expect(before).toHaveLength(13);
      const info = await ctx.store.planInfo();
      expect(info).toMatchObject({
        year: 2023,
        title: '测试局2023年工作要点',
        version: 'v1',
        syncedAt: ctx.now(),
      });
      expect(info?.digest).toMatch(/^[0-9a-f]{40}$/);
    });

    it('has no plan before the first sync', async () => {
      expect(await ctx.store.planInfo()).toBeNull();
      expect(await ctx.store.allOccurrences()).toEqual([]);
      expect(await ctx.store.occurrencesOfItem('1.1')).toEqual([]);
    });

    it('records a new config version whose content is the same without changing anything', async () => {
      await ctx.sync();
      const digest = (await ctx.store.planInfo())?.digest;
      const again = await ctx.sync(fixturePlan(), 'v2');
      expect(again.changed).toBe(false);
      expect(await ctx.store.planInfo()).toMatchObject({ version: 'v2', digest });
    });

    it('updates an edited item and archives a removed one with its ledger', async () => {
      await ctx.sync();
      await ctx.store.confirm('2.1/deadline/2023', '监督科', 'ou_sun', '已完成', 'reply');
      ctx.setNow('2023-05-11T02:00:00.000Z');
      const edited = editItem(withoutItem(fixturePlan(), '2.1'), '1.1', (i) => {
        i.title = '强化预算编制工作';
      });
      const result = await ctx.sync(edited, 'v2');
      expect(result).toMatchObject({ changed: true, added: [], updated: ['1.1'], archived: ['2.1'] });
      expect(result.occurrences).toEqual({ added: 0, updated: 2, archived: 1 });

      const ids = (await ctx.store.allOccurrences()).map((o) => o.id);
      expect(ids).not.toContain('2.1/deadline/2023');
      const history = await ctx.store.occurrence('2.1/deadline/2023');
      expect(history?.archivedAt).toBe('2023-05-11T02:00:00.000Z');
      expect(history?.title).toBe('开展专项检查');
      expect(history?.confirmations.map((c) => c.by)).toEqual(['ou_sun']);
      expect(await ctx.store.occurrencesOfItem('2.1')).toEqual([]);
      expect(await ctx.store.openForSection('监督科')).toEqual([]);
      await expect(ctx.store.confirm('2.1/deadline/2023', '监督科', 'x', '', 'reply')).rejects.toMatchObject({
        code: 'OCCURRENCE_ARCHIVED',
      });
      expect((await ctx.store.occurrence('1.1/m1/2023'))?.title).toBe('强化预算编制工作');

      const back = await ctx.sync(fixturePlan(), 'v3');
      expect(back).toMatchObject({ added: ['2.1'], updated: ['1.1'], archived: [] });
      const restored = await ctx.store.occurrence('2.1/deadline/2023');
      expect(restored).toMatchObject({ archivedAt: null, status: 'done' });
      expect((await ctx.store.occurrencesOfItem('2.1')).map((o) => o.id)).toEqual(['2.1/deadline/2023']);
    });

    it('keeps confirmations through a sync that rewrites the item', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'button');
      await ctx.sync(
        editItem(fixturePlan(), '1.1', (i) => {
          i.text += '补充一句。';
        }),
        'v2',
      );
      const view = await ctx.store.occurrence('1.1/m1/2023');
      expect(view?.status).toBe('done');
      expect(view?.confirmations).toEqual([
        { section: '预算科', by: 'ou_wang', at: ctx.now(), note: '', source: 'button' },
      ]);
    });

    it('recomputes done-ness when a sync changes the lead sections', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply');
      await ctx.sync(
        editItem(fixturePlan(), '1.1', (i) => {
          i.leads = ['预算科', '国库科'];
        }),
        'v2',
      );
      const view = await ctx.store.occurrence('1.1/m1/2023');
      expect(view?.status).toBe('overdue');
      expect(view?.confirmations.map((c) => c.section)).toEqual(['预算科']);
      expect((await ctx.store.openForSection('国库科')).map((o) => o.id)).toContain('1.1/m1/2023');
      expect((await ctx.store.openForSection('预算科')).map((o) => o.id)).not.toContain('1.1/m1/2023');
      expect((await ctx.store.overdue(new Date(ctx.now()))).map((o) => o.id)).toContain('1.1/m1/2023');
    });

    it('refuses a plan for another year, and occurrences of items the plan does not have', async () => {
      await expect(ctx.sync({ ...fixturePlan(), year: 2024 })).rejects.toMatchObject({ code: 'PLAN_SYNC' });
      const input = syncInput(fixturePlan(), 'v1');
      input.occurrences.push({ ...input.occurrences[0]!, id: '9.9/deadline/2023', itemId: '9.9' });
      await expect(ctx.store.syncPlan(input)).rejects.toThrow(/9\.9.*not in the plan/);
      expect(await ctx.store.planInfo()).toBeNull();
    });

    it('finds the occurrences of an item by its id in the forms people type', async () => {
      await ctx.sync();
      for (const ref of ['1.2', '一（二）', '一.2', '第一章第二项', '1-2', ' 1.2 ']) {
        const itemIds = (await ctx.store.occurrencesOfItem(ref)).map((o) => o.itemId);
        expect(itemIds, ref).toEqual(Array(5).fill('1.2'));
      }
      expect(await ctx.store.occurrencesOfItem('3.1')).toEqual([]);
      expect(await ctx.store.occurrencesOfItem('')).toEqual([]);
    });

    it('orders occurrences due the same day by chapter and item number, not as text', async () => {
      const plan = fixturePlan();
      plan.chapters[0]!.items.push(fixtureItem({ id: '1.10', leads: ['预算科'] }));
      await ctx.sync(plan);
      expect((await ctx.store.dueBetween('2023-12-31', '2023-12-31')).map((o) => o.itemId)).toEqual([
        '1.1',
        '1.2',
        '1.10',
        '2.1',
      ]);
    });
  });
}
