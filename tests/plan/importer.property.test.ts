import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/plan/import-error.js';
import { importPlan } from '../../src/plan/importer.js';
import { readReferencePlan } from '../helpers/reference-plan.js';

/** Any input gives a plan or a clear ImportError — never a crash, never a malformed plan. */
function importsOrExplains(text: string, year?: number): void {
  try {
    const { plan } = importPlan(text, year === undefined ? {} : { year });
    for (const item of plan.chapters.flatMap((c) => c.items)) {
      expect(item.id).toMatch(/^\d+\.\d+$/);
      expect(item.deadline === null || /^\d{4}-\d{2}-\d{2}$/.test(item.deadline)).toBe(true);
      for (const m of item.milestones) expect(m.due === null || /^\d{4}-\d{2}-\d{2}$/.test(m.due)).toBe(true);
      for (const t of item.targets) expect(Number.isFinite(t.value)).toBe(true);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.length).toBeGreaterThan(10);
  }
}

const pieces = [
  '一、',
  '（一）',
  '(二)',
  '1.',
  '（1）',
  '第三部分',
  '2023年工作要点',
  '\n',
  '\n',
  '\n',
  '。',
  '；',
  '，',
  '：',
  ' ',
  '牵头科室：',
  '责任单位:',
  '配合单位',
  '完成时限：',
  '时间节点',
  '12月31日前',
  '3月底前',
  '2月30日前',
  '13月底',
  '每季度',
  '按月',
  '每月32日前',
  '每半年',
  '至少1次',
  '年底前',
  '长期坚持',
  '办公室',
  '预算科、国库科',
  '8亿元',
  '增长13.43％',
  '1－2个',
  '（',
  '）',
  '(',
  ')',
  '一是',
  '二是',
  '\uFEFF',
  '\r',
  '999999999999999999999%',
  // issue 13's forms: notes, conventions, other brackets, deadlines, furniture, digit titles
  '（农业农村部、工业和信息化部牵头负责）',
  '（A、B等负责。列第一位者为牵头单位）',
  '（各省级人民政府负责）',
  '排在第一位的部门为牵头部门',
  '〔责任单位：A、B〕',
  '各有关乡镇(街道)',
  '各区、县级市',
  '2023—2025年',
  '三季度',
  '立即',
  '全年',
  '2023.01-2023.12',
  '11.121',
  '2023年3月1日',
  '（此件公开发布）',
];

describe('importPlan never crashes', () => {
  it('on arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => importsOrExplains(text)),
      {
        numRuns: 300,
      },
    );
  });

  it('on documents stitched from the grammar’s own pieces', () => {
    const doc = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        doc,
        fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: undefined }),
        importsOrExplains,
      ),
      {
        numRuns: 500,
      },
    );
  });

  it('on the reference plan with lines dropped, duplicated or truncated', () => {
    const lines = readReferencePlan().split('\n');
    const mutated = fc
      .array(fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'dup', 'cut')), { maxLength: 6 })
      .map((edits) => {
        const copy = [...lines];
        for (const [at, edit] of edits) {
          const line = copy[at % copy.length] ?? '';
          if (edit === 'drop') copy.splice(at % copy.length, 1);
          else if (edit === 'dup') copy.splice(at % copy.length, 0, line);
          else copy[at % copy.length] = line.slice(0, Math.floor(line.length / 2));
        }
        return copy.join('\n');
      });
    fc.assert(
      fc.property(mutated, (text) => importsOrExplains(text)),
      { numRuns: 200 },
    );
  });
});
