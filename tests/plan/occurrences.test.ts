import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/plan/importer.js';
import { expandOccurrences } from '../../src/plan/occurrences.js';
import type { Milestone, Plan } from '../../src/plan/types.js';
import { fixtureItem } from '../helpers/plan-fixture.js';
import { readReferencePlan } from '../helpers/reference-plan.js';

const identity = (names: string[]) => names;

function planWith(milestones: Milestone[], deadline: string | null = null): Plan {
  return {
    title: 't',
    year: 2023,
    chapters: [{ number: 1, title: 'c', items: [fixtureItem({ id: '1.1', milestones, deadline })] }],
  };
}

const dues = (plan: Plan) => expandOccurrences(plan, identity).map((o) => [o.id, o.due]);

describe('expandOccurrences', () => {
  const reference = importPlan(readReferencePlan()).plan;
  const all = expandOccurrences(reference, identity);
  const byId = new Map(all.map((o) => [o.id, o]));

  it('expands the reference plan into 51 occurrences with unique, deterministic ids', () => {
    expect(all).toHaveLength(51);
    expect(new Set(all.map((o) => o.id)).size).toBe(51);
    expect(expandOccurrences(reference, identity)).toEqual(all);
  });

  it('gives dated milestones, recurrences and deadlines the ids and dates of occurrence.ts', () => {
    expect(byId.get('8.4/m2/2023')).toEqual({
      id: '8.4/m2/2023',
      itemId: '8.4',
      milestone: 2,
      period: '2023',
      due: '2023-11-30',
      every: null,
      text: expect.stringContaining('11月底前'),
      leads: ['监督科'],
    });
    expect(byId.get('6.2/m1/2023-Q3')).toMatchObject({
      due: '2023-09-30',
      every: 'quarter',
      period: '2023-Q3',
    });
    expect(byId.get('6.2/m2/2023-07')).toMatchObject({ due: '2023-07-31', every: 'month' });
    expect(byId.get('6.2/m2/2023-02')?.due).toBe('2023-02-28');
    expect(byId.get('1.1/m1/2023-H1')).toMatchObject({ due: '2023-06-30', every: 'half-year' });
    expect(byId.get('1.1/m1/2023-H2')?.due).toBe('2023-12-31');
    expect(byId.get('1.3/m2/2023')).toMatchObject({ due: '2023-12-31', every: 'year', period: '2023' });
    expect(byId.get('7.1/deadline/2023')).toMatchObject({
      milestone: null,
      due: '2023-08-31',
      text: '完成时限',
    });
    expect(all.filter((o) => o.itemId === '6.2').map((o) => o.id)).toHaveLength(17);
  });

  it('sorts by due date, then plan order', () => {
    const sorted = [...all].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    expect(all.map((o) => o.due)).toEqual(sorted.map((o) => o.due));
    expect(all.slice(0, 4).map((o) => o.id)).toEqual([
      '6.2/m2/2023-01',
      '6.2/m2/2023-02',
      '3.1/m1/2023',
      '6.2/m1/2023-Q1',
    ]);
    const june30 = all.filter((o) => o.due === '2023-06-30').map((o) => o.id);
    expect(june30).toEqual([
      '1.1/m1/2023-H1',
      '1.2/deadline/2023',
      '1.3/m1/2023-H1',
      '6.2/m1/2023-Q2',
      '6.2/m2/2023-06',
      '8.4/m3/2023',
    ]);
  });

  it('expands lead sections with the function it is given', () => {
    const occurrences = expandOccurrences(reference, (names) => names.map((n) => `${n}!`));
    expect(occurrences.find((o) => o.id === '4.2/deadline/2023')?.leads).toEqual(['债务科!', '预算科!']);
  });

  it('puts a recurring milestone with a day on that day of the period’s last month', () => {
    expect(dues(planWith([{ text: '每月10日前', due: null, every: 'month', day: 10 }])).slice(0, 2)).toEqual([
      ['1.1/m1/2023-01', '2023-01-10'],
      ['1.1/m1/2023-02', '2023-02-10'],
    ]);
    expect(dues(planWith([{ text: '每月30日前', due: null, every: 'month', day: 30 }]))[1]).toEqual([
      '1.1/m1/2023-02',
      '2023-02-28',
    ]);
    expect(dues(planWith([{ text: '每季度15日前', due: null, every: 'quarter', day: 15 }]))).toEqual([
      ['1.1/m1/2023-Q1', '2023-03-15'],
      ['1.1/m1/2023-Q2', '2023-06-15'],
      ['1.1/m1/2023-Q3', '2023-09-15'],
      ['1.1/m1/2023-Q4', '2023-12-15'],
    ]);
  });

  it('skips ongoing milestones and items without a deadline, and numbers milestones as written', () => {
    const plan = planWith([
      { text: '长期坚持', due: null, every: null },
      { text: '年底前', due: null, every: 'year' },
    ]);
    expect(dues(plan)).toEqual([['1.1/m2/2023', '2023-12-31']]);
    expect(dues(planWith([]))).toEqual([]);
  });

  it('leaves the plan untouched', () => {
    const plan = planWith([{ text: '每季度', due: null, every: 'quarter' }], '2023-12-31');
    const before = structuredClone(plan);
    const occurrences = expandOccurrences(plan, identity);
    occurrences[0]!.leads.push('x');
    expect(plan).toEqual(before);
  });
});
