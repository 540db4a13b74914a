import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importPlan } from '../../src/plan/importer.js';

/** Issue 13: text after a field block on the same line made the YAML grow with the square of the input. */
function planWithTrailingText(repeats: number): string {
  const after = '又一句6月底前完成。'.repeat(repeats);
  return `2023年工作要点\n一、甲\n（一）做A。（牵头科室：办公室；完成时限：9月底前、12月31日前）${after}`;
}

describe('output grows in proportion to the input', () => {
  it('text after the field block is item text, and the block keeps only its own fields', () => {
    const { plan } = importPlan(planWithTrailingText(2));
    const item = plan.chapters[0]!.items[0]!;
    expect(item.text).toBe('做A。又一句6月底前完成。又一句6月底前完成。');
    expect(item.deadline).toBe('2023-12-31');
    expect(item.milestones.map((m) => m.text)).toEqual([
      '又一句6月底前完成',
      '又一句6月底前完成',
      '完成时限：9月底前、12月31日前',
    ]);
  });

  it('four times the trailing text gives about four times the YAML, not sixteen', () => {
    const size = (n: number) => stringify(importPlan(planWithTrailingText(n)).plan).length;
    const ratio = size(2000) / size(500);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.5);
  });

  it('a long 完成时限 with many dates gives each milestone only its own part of the value', () => {
    const value = Array.from({ length: 300 }, (_, i) => `${(i % 12) + 1}月底前`).join('、');
    const { plan } = importPlan(
      `2023年工作要点\n一、甲\n（一）做A。（牵头科室：办公室；完成时限：${value}）`,
    );
    const milestones = plan.chapters[0]!.items[0]!.milestones;
    expect(milestones.length).toBeGreaterThan(100);
    expect(Math.max(...milestones.map((m) => m.text.length))).toBeLessThan(20);
  });

  it('keeps balanced brackets in unit names: 各有关乡镇(街道)', () => {
    const { plan } = importPlan(
      '2023年工作要点\n一、甲\n（一）做A。（牵头单位：农业局；配合单位：各有关乡镇(街道)、水务局（站）；完成时限：年底前）',
    );
    expect(plan.chapters[0]!.items[0]!.partners).toEqual(['各有关乡镇(街道)', '水务局(站)']);
  });
});
