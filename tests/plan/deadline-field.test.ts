import { describe, expect, it } from 'vitest';
import { findDatePhrases } from '../../src/plan/deadline-grammar.js';
import { toHalfWidth } from '../../src/plan/import/normalize.js';
import { importPlan } from '../../src/plan/importer.js';

/** 完成时限 values as bureaus write them (issue 13), read in a 2023 plan. */
const inField = (text: string) =>
  findDatePhrases(toHalfWidth(text), 2023, true).map((p) => p.due ?? p.every ?? 'ongoing');

describe('完成时限 values as bureaus write them', () => {
  it.each([
    ['2023年6月底前', '2023-06-30'],
    ['2023年12月', '2023-12-31'],
    ['9月投入使用', '2023-09-30'],
    ['5月底前动工', '2023-05-31'],
    ['10月建成', '2023-10-31'],
    ['6月上旬', '2023-06-10'],
    ['6月中旬', '2023-06-20'],
    ['6月下旬', '2023-06-30'],
    ['三季度', '2023-09-30'],
    ['第三季度末', '2023-09-30'],
    ['一季度', '2023-03-31'],
    ['第4季度', '2023-12-31'],
    ['上半年', '2023-06-30'],
    ['下半年', '2023-12-31'],
    ['年内', '2023-12-31'],
    ['年底', '2023-12-31'],
    ['2023—2025年', '2025-12-31'],
    ['2023-2025年', '2025-12-31'],
    ['2025年底前', '2025-12-31'],
    ['2025年', '2025-12-31'],
    ['长期', 'ongoing'],
    ['持续推进', 'ongoing'],
    ['常态化', 'ongoing'],
    ['每年3月', '2023-03-31'],
    ['每年6月底前', '2023-06-30'],
    ['10月15日前', '2023-10-15'],
    ['12月31日前', '2023-12-31'],
    ['每季度', 'quarter'],
  ])('%s → %s', (text, expected) => {
    expect(inField(text)).toEqual([expected]);
  });

  it.each(['立即', '即时', '尽快', '按上级要求', '根据工作需要'])(
    '%s has no date and is never guessed',
    (text) => {
      expect(inField(text)).toEqual([]);
    },
  );

  it('reads bare years, months and 长期 only in a 完成时限, not in task text', () => {
    const text = (t: string) => findDatePhrases(toHalfWidth(t), 2023).map((p) => p.due ?? 'ongoing');
    expect(text('到2025年，建成10个示范点')).toEqual([]);
    expect(text('5月份的数据')).toEqual([]);
    expect(text('常态化开展约谈')).toEqual([]);
    expect(text('三季度完成验收')).toEqual(['2023-09-30']);
  });
});

describe('the item’s deadline from such a value', () => {
  const item = (deadline: string) => {
    const { plan, warnings } = importPlan(
      `2023年工作要点\n一、甲\n（一）做A。（牵头单位：办公室；完成时限：${deadline}）`,
    );
    return { item: plan.chapters[0]!.items[0]!, warnings };
  };

  it('keeps a later final date of a multi-year task and reports it', () => {
    const { item: a, warnings } = item('2023—2025年');
    expect(a.deadline).toBe('2025-12-31');
    expect(warnings.map((w) => w.kind)).toEqual(['deadline-other-year']);
    expect(warnings[0]!.message).toMatch(
      /^事项 1\.1 的完成时限「2023—2025年」在 2025 年，不在计划年度 2023 内/,
    );
  });

  it('keeps 立即 as written in deadlineText, with no deadline, and reports it', () => {
    const { item: a, warnings } = item('立即');
    expect(a.deadline).toBeNull();
    expect(a.deadlineText).toBe('立即');
    expect(warnings.map((w) => w.kind)).toEqual(['deadline-unread']);
  });

  it('makes 长期 an ongoing milestone with no deadline and no warning', () => {
    const { item: a, warnings } = item('长期');
    expect(a.deadline).toBeNull();
    expect(a.milestones).toEqual([{ text: '完成时限：长期', due: null, every: null }]);
    expect(a.deadlineText).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('takes the last of several dates as the deadline and the rest as milestones', () => {
    const { item: a } = item('6月底前动工，10月建成');
    expect(a.deadline).toBe('2023-10-31');
    expect(a.milestones.map((m) => m.due)).toEqual(['2023-06-30']);
  });
});
