import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/plan/importer.js';
import type { Item, Plan } from '../../src/plan/types.js';

/** Plans written the way other bureaus write them: other labels, brackets, separators and numbering. */
function importFixture(name: string): { plan: Plan; items: Map<string, Item> } {
  const path = fileURLToPath(new URL(`../fixtures/plans/${name}.txt`, import.meta.url));
  const { plan, warnings } = importPlan(readFileSync(path, 'utf8'));
  expect(warnings).toEqual([]);
  return { plan, items: new Map(plan.chapters.flatMap((c) => c.items).map((i) => [i.id, i])) };
}

describe('牵头单位/配合单位/完成时间, half-width brackets and colons, （一） numbering', () => {
  const { plan, items } = importFixture('variant-units');

  it('reads the year from the title and every item', () => {
    expect(plan.year).toBe(2024);
    expect([...items.keys()]).toEqual(['1.1', '1.2', '2.1']);
  });

  it('splits fields on semicolons, commas or spaces, and lists on commas', () => {
    expect(items.get('1.1')).toMatchObject({
      leads: ['投资科', '项目办'],
      partners: ['规划科', '法规科'],
      deadline: '2024-12-31',
    });
    expect(items.get('1.2')).toMatchObject({
      leads: ['投资科'],
      partners: ['办公室'],
      deadline: '2024-12-31',
    });
    expect(items.get('2.1')).toMatchObject({ leads: ['法规科'], partners: ['各科室'], deadline: null });
  });

  it('finds 每季度末, 10月15日前, 按月, 年底前, 每半年…不少于2次, 上半年内 and 长期坚持', () => {
    const dues = (id: string) => items.get(id)!.milestones.map((m) => [m.due, m.every, m.count ?? null]);
    expect(dues('1.1')).toEqual([
      [null, 'quarter', null],
      ['2024-10-15', null, null],
    ]);
    expect(dues('1.2')).toEqual([
      [null, 'month', null],
      ['2024-12-31', null, null],
    ]);
    expect(dues('2.1')).toEqual([
      [null, 'half-year', 2],
      ['2024-06-30', null, null],
      [null, null, null],
    ]);
    expect(items.get('2.1')!.milestones[2]!.text).toBe('完成时限：长期坚持');
  });
});

describe('1. numbering with （1） points and fields on their own line', () => {
  const { items } = importFixture('variant-arabic');

  it('takes （1）/（2） lines under a "1." item as its points', () => {
    expect(items.get('1.1')!.points).toEqual(['3月底前制定课后服务实施方案', '每学期开展一次督导检查。']);
    expect(items.get('1.1')!.milestones).toEqual([
      { text: '3月底前制定课后服务实施方案', due: '2025-03-31', every: null },
    ]);
  });

  it('reads 牵头部门/责任部门/协办单位/时间节点 separated by spaces or semicolons', () => {
    expect(items.get('1.1')).toMatchObject({
      leads: ['基础教育股'],
      partners: ['督导室', '财务股'],
      deadline: '2025-09-30',
    });
    expect(items.get('1.2')).toMatchObject({
      leads: ['人事股'],
      partners: ['教研室', '电教站'],
      deadline: '2025-12-31',
    });
  });

  it('turns a recurring 完成时限 into a milestone and 持续推进 into ongoing work', () => {
    const item = items.get('2.1')!;
    expect(item.deadline).toBeNull();
    expect(item.partners).toEqual([]);
    expect(item.milestones).toEqual([
      { text: '持续推进校园安全隐患排查', due: null, every: null },
      { text: '完成时限：每月10日前', due: null, every: 'month', day: 10 },
    ]);
  });
});

describe('第一部分 chapters, （1） items, missing fields', () => {
  const { plan, items } = importFixture('variant-paren-arabic');

  it('reads chapter titles after 第N部分', () => {
    expect(plan.chapters.map((c) => [c.number, c.title])).toEqual([
      [1, '夯实统计基础'],
      [2, '提升服务水平'],
    ]);
  });

  it('keeps items with missing partners or deadline, and reads 十一月底前', () => {
    expect(items.get('1.1')).toMatchObject({
      leads: ['综合科'],
      partners: ['普查中心', '核算科'],
      deadline: '2026-12-31',
    });
    expect(items.get('1.2')).toMatchObject({
      title: '推进统计信用建设',
      leads: ['执法科'],
      partners: [],
      deadline: null,
    });
    expect(items.get('2.1')!.leads).toEqual(['综合科', '核算科']);
    expect(items.get('2.1')!.milestones[0]!.due).toBe('2026-11-30');
    expect(items.get('1.1')!.milestones[0]).toMatchObject({ every: 'month', day: 10 });
  });
});
