import { describe, expect, it } from 'vitest';
import { localDateAt } from '../../src/store/local-date.js';
import type { ProgressRow } from '../../src/store/store.js';
import { countByChapter, countBySection, sumRows } from '../../src/store/work-count.js';
import { fixtureItem, fixturePlan } from '../helpers/plan-fixture.js';
import type { ContractContext } from './contract.js';

const NO_VERIFY = { requireVerify: false };

const ids = (views: { id: string }[]) => views.map((v) => v.id);

export function occurrencesContract(ctx: ContractContext): void {
  describe('occurrences', () => {
    it('lists occurrences due in a window, by due date then plan order', async () => {
      await ctx.sync();
      expect(ids(await ctx.store.dueBetween('2023-03-01', '2023-03-31'))).toEqual([
        '1.1/m1/2023',
        '1.2/m1/2023-Q1',
      ]);
      expect(ids(await ctx.store.dueBetween('2023-01-01', '2023-12-31'))).toEqual([
        '1.1/m1/2023',
        '1.2/m1/2023-Q1',
        '1.2/m1/2023-Q2',
        '1.2/deadline/2023',
        '1.2/m1/2023-Q3',
        '1.1/deadline/2023',
        '1.2/m1/2023-Q4',
        '2.1/deadline/2023',
      ]);
      expect(await ctx.store.dueBetween('2023-04-01', '2023-06-29')).toEqual([]);
      expect(ids(await ctx.store.dueBetween('2023-06-30', '2023-06-30'))).toEqual([
        '1.2/m1/2023-Q2',
        '1.2/deadline/2023',
      ]);
    });

    it('drops done occurrences from the window when asked for open ones only', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply');
      expect(ids(await ctx.store.dueBetween('2023-03-01', '2023-03-31', { openOnly: true }))).toEqual([
        '1.2/m1/2023-Q1',
      ]);
      expect(ids(await ctx.store.dueBetween('2023-03-01', '2023-03-31'))).toHaveLength(2);
    });

    it('is overdue from the first instant of the day after its due date, in the plan time zone', async () => {
      await ctx.sync();
      // 2023-03-31 23:59 and 2023-04-01 00:00 in Shanghai.
      expect(await ctx.store.overdue(new Date('2023-03-31T15:59:59Z'))).toEqual([]);
      const overdue = await ctx.store.overdue(new Date('2023-03-31T16:00:00Z'));
      expect(ids(overdue)).toEqual(['1.1/m1/2023', '1.2/m1/2023-Q1']);
      expect(overdue.every((o) => o.status === 'overdue')).toBe(true);
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply');
      expect(ids(await ctx.store.overdue(new Date('2023-03-31T16:00:00Z')))).toEqual(['1.2/m1/2023-Q1']);
    });

    it('carries the item title, chapter, leads and a status on each view', async () => {
      await ctx.sync();
      const view = await ctx.store.occurrence('1.2/m1/2023-Q2');
      expect(view).toEqual({
        id: '1.2/m1/2023-Q2',
        itemId: '1.2',
        milestone: 1,
        period: '2023-Q2',
        due: '2023-06-30',
        every: 'quarter',
        text: '每季度分析库款情况',
        leads: ['国库科', '预算科'],
        title: '加强库款管理',
        chapter: 1,
        confirmations: [],
        verification: null,
        evidence: [],
        status: 'open',
        archivedAt: null,
      });
      expect((await ctx.store.occurrence('1.2/m1/2023-Q1'))?.status).toBe('overdue');
      expect(await ctx.store.occurrence('1.2/m1/2023-Q9')).toBeNull();
    });

    it("lists an item's occurrences, the deadline after a milestone due the same day", async () => {
      await ctx.sync();
      const expected = [
        '1.2/m1/2023-Q1',
        '1.2/m1/2023-Q2',
        '1.2/deadline/2023',
        '1.2/m1/2023-Q3',
        '1.2/m1/2023-Q4',
      ];
      expect(ids(await ctx.store.occurrencesOfItem('1.2'))).toEqual(expected);
      expect(ids(await ctx.store.occurrencesOfItem('一（二）'))).toEqual(expected);
      expect(await ctx.store.occurrencesOfItem('9.9')).toEqual([]);
    });

    it('lists what a section still has to confirm', async () => {
      await ctx.sync();
      expect(ids(await ctx.store.openForSection('预算科'))).toEqual([
        '1.1/m1/2023',
        '1.2/m1/2023-Q1',
        '1.2/m1/2023-Q2',
        '1.2/deadline/2023',
        '1.2/m1/2023-Q3',
        '1.1/deadline/2023',
        '1.2/m1/2023-Q4',
      ]);
      await ctx.store.confirm('1.2/m1/2023-Q1', '预算科', 'ou_wang', '', 'reply');
      const budget = ids(await ctx.store.openForSection('预算科'));
      expect(budget).not.toContain('1.2/m1/2023-Q1');
      // 国库科 has not confirmed its part of the same occurrence.
      expect(ids(await ctx.store.openForSection('国库科'))).toContain('1.2/m1/2023-Q1');
      expect(await ctx.store.openForSection('办公室')).toEqual([]);
    });

    it("answers views with another replica's syncs and ledger changes in them", async () => {
      await ctx.sync();
      const other = await ctx.replica();
      expect(ids(await other.openForSection('监督科'))).toEqual(['2.1/deadline/2023']);
      await ctx.store.confirm('2.1/deadline/2023', '监督科', 'ou_sun', '', 'reply');
      expect(await other.openForSection('监督科')).toEqual([]);
      expect(
        countBySection(
          await other.allOccurrences(),
          localDateAt(new Date(ctx.now()), 'Asia/Shanghai'),
          NO_VERIFY,
        ).find((r) => r.key === '监督科'),
      ).toMatchObject({
        done: 1,
      });
      await ctx.store.undo('2.1/deadline/2023', '监督科', 'ou_sun', '', 'reply');
      expect(ids(await other.openForSection('监督科'))).toEqual(['2.1/deadline/2023']);
      const plan = fixturePlan();
      plan.chapters[1]!.items.push(fixtureItem({ id: '2.2', leads: ['监督科'], deadline: '2023-11-30' }));
      await ctx.sync(plan, 'v2');
      expect(ids(await other.openForSection('监督科'))).toEqual(['2.2/deadline/2023', '2.1/deadline/2023']);
      await ctx.sync(fixturePlan(), 'v3');
      expect(ids(await other.allOccurrences())).not.toContain('2.2/deadline/2023');
    });

    it('counts units of work (occurrence × lead section) by chapter and section, 销号 when required', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply');
      await ctx.store.confirm('1.2/m1/2023-Q1', '国库科', 'ou_zheng', '', 'reply');
      await ctx.store.confirm('2.1/deadline/2023', '监督科', 'ou_sun', '', 'reply');
      await ctx.store.verify('2.1/deadline/2023', 'ou_admin', '', 'command');
      const views = await ctx.store.allOccurrences();
      const today = localDateAt(new Date(ctx.now()), 'Asia/Shanghai');
      const chapters = fixturePlan().chapters;
      const row = (key: string, label: string, n: Omit<ProgressRow, 'key' | 'label'>) => ({
        key,
        label,
        ...n,
      });
      // Chapter 1's 7 occurrences have 12 lead units (1.2's five quarters each have two leads).
      expect(countByChapter(chapters, views, today, NO_VERIFY)).toEqual([
        row('1', '加强预算管理', { total: 12, done: 2, awaiting: 0, verified: 0, overdue: 1, open: 9 }),
        row('2', '加强财政监督', { total: 1, done: 1, awaiting: 0, verified: 1, overdue: 0, open: 0 }),
      ]);
      // A chapter with no items (an imported plan's 总体要求) is not a row.
      const withProse = [...chapters, { number: 9, title: '工作要求' }];
      expect(countByChapter(withProse, views, today, NO_VERIFY).map((r) => r.key)).toEqual(['1', '2']);
      const bySection = countBySection(views, today, NO_VERIFY);
      expect(bySection).toEqual([
        row('国库科', '国库科', { total: 5, done: 1, awaiting: 0, verified: 0, overdue: 0, open: 4 }),
        row('监督科', '监督科', { total: 1, done: 1, awaiting: 0, verified: 1, overdue: 0, open: 0 }),
        row('预算科', '预算科', { total: 7, done: 1, awaiting: 0, verified: 0, overdue: 1, open: 5 }),
      ]);
      // One unit everywhere: the chapters and the sections add up to the same total.
      expect(sumRows(bySection).total).toBe(sumRows(countByChapter(chapters, views, today, NO_VERIFY)).total);
      // With 销号 required, confirmed work waits until verified.
      expect(countBySection(views, today, { requireVerify: true })).toEqual([
        row('国库科', '国库科', { total: 5, done: 0, awaiting: 1, verified: 0, overdue: 0, open: 4 }),
        row('监督科', '监督科', { total: 1, done: 1, awaiting: 0, verified: 1, overdue: 0, open: 0 }),
        row('预算科', '预算科', { total: 7, done: 0, awaiting: 1, verified: 0, overdue: 1, open: 5 }),
      ]);
    });
  });
}
