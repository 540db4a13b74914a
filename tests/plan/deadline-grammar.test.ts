import { describe, expect, it } from 'vitest';
import { findDatePhrases } from '../../src/plan/deadline-grammar.js';
import { toHalfWidth } from '../../src/plan/import/normalize.js';
import { findMilestones } from '../../src/plan/milestones.js';
import { findTargets } from '../../src/plan/targets.js';

const phrase = (text: string) =>
  findDatePhrases(toHalfWidth(text), 2023).map(
    (p) => p.due ?? `${p.every ?? 'ongoing'}${p.day ? `@${p.day}` : ''}`,
  );

describe('the deadline grammar', () => {
  it.each([
    ['3月底前完成', '2023-03-31'],
    ['5月底前', '2023-05-31'],
    ['6月30日前', '2023-06-30'],
    ['8月31日前', '2023-08-31'],
    ['9月底前', '2023-09-30'],
    ['11月底前', '2023-11-30'],
    ['年底前', '2023-12-31'],
    ['10月15日前', '2023-10-15'],
    ['２月底前', '2023-02-28'],
    ['十一月底前', '2023-11-30'],
    ['9月中旬', '2023-09-20'],
    ['2024年3月底前', '2024-03-31'],
    ['2023年底前', '2023-12-31'],
    ['2023.06.30', '2023-06-30'],
    ['上半年内完成', '2023-06-30'],
    ['每季度', 'quarter'],
    ['每季度末', 'quarter'],
    ['按月', 'month'],
    ['每月', 'month'],
    ['每月10日前', 'month@10'],
    ['每半年', 'half-year'],
    ['每年', 'year'],
    ['长期坚持', 'ongoing'],
    ['持续推进', 'ongoing'],
  ])('%s → %s', (text, expected) => {
    expect(phrase(text)).toEqual([expected]);
  });

  it.each([
    '2022年度民主生活会',
    '确保全年本单位不发生相关负面舆情',
    '三年内',
    '当年全区各单位',
    '2月30日前',
    '13月底前',
    '国发〔2022〕2号文件',
    '常态化开展约谈',
    '5月份',
  ])('finds no date in %s', (text) => {
    expect(phrase(text)).toEqual([]);
  });

  it('reads the count of "至少1次" only for recurring milestones', () => {
    expect(findMilestones('局党组每半年专题研究部署意识形态工作至少1次，分析研判', 2023)).toEqual([
      { text: '局党组每半年专题研究部署意识形态工作至少1次', due: null, every: 'half-year', count: 1 },
    ]);
  });

  it('widens a clause too short to read alone', () => {
    expect(findMilestones('一是3月底前，完成改革方案报批，二是其他', 2023)[0]!.text).toBe(
      '3月底前，完成改革方案报批',
    );
  });
});

describe('targets', () => {
  it('keeps the wording and reads value and unit', () => {
    expect(findTargets('确保完成一般公共预算收入8亿元（同口径）增长13.43％的预期目标')).toEqual([
      { text: '8亿元', value: 8, unit: '亿元' },
      { text: '增长13.43％', value: 13.43, unit: '%' },
    ]);
    expect(findTargets('抽取具有代表性的10个项目，1－2个镇')).toEqual([
      { text: '10个项目', value: 10, unit: '个项目' },
      { text: '1－2个镇', value: 2, unit: '个镇' },
    ]);
  });

  it('ignores counts of meetings and parts of longer numbers', () => {
    expect(findTargets('每半年专题研究至少1次')).toEqual([]);
    expect(findTargets('2023年度')).toEqual([]);
  });
});
