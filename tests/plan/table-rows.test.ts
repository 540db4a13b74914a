import { describe, expect, it } from 'vitest';
import { documentLines, hasPlanTable, readHeader } from '../../src/plan/import/table-rows.js';
import { importPlan } from '../../src/plan/importer.js';

describe('readHeader', () => {
  it('maps columns under different label spellings, spaced or broken over lines', () => {
    expect(readHeader(['序号', '重点任务', '牵 头 单 位', '配合\n单位', '完成时间'])).toEqual({
      number: 0,
      text: [1],
      leads: [2],
      partners: [3],
      deadline: [4],
    });
    expect(readHeader(['工作内容', '牵头部门', '协办部门', '时间节点'])).toMatchObject({
      number: undefined,
      text: [0],
      leads: [1],
      partners: [2],
      deadline: [3],
    });
  });

  it('reads a lone 责任单位 as the lead, and needs a task column and a field column', () => {
    expect(readHeader(['序号', '工作任务', '责任单位', '完成时限'])).toMatchObject({
      leads: [2],
      partners: [],
    });
    expect(readHeader(['序号', '工作任务', '备注'])).toBeUndefined();
    expect(readHeader(['序号', '牵头科室', '完成时限'])).toBeUndefined();
    expect(readHeader(['一、加强党的建设'])).toBeUndefined();
  });
});

describe('documentLines', () => {
  const header = ['序号', '工作任务', '牵头科室', '责任科室', '完成时限'];

  it('writes item rows in the importer form and merged chapter rows as chapter lines', () => {
    const lines = documentLines([
      '2024年工作要点',
      [
        header,
        ['一、加强党的建设', '', '', '', ''],
        ['1', '落实主体责任', '办公室', '各科室', '12月底前'],
        ['2', '开展学习\n9月底前完成轮训', '人事科\n机关党委', '', '每季度'],
        ['第二部分 优化营商环境', '第二部分 优化营商环境', '', '', ''],
        ['', '压减审批时限', '审批科', '法规科、办公室', ''],
      ],
    ]);
    expect(lines).toEqual([
      '2024年工作要点',
      '一、加强党的建设',
      '（1）落实主体责任（牵头科室：办公室；责任科室：各科室；完成时限：12月底前）',
      '（2）开展学习。9月底前完成轮训（牵头科室：人事科、机关党委；完成时限：每季度）',
      '第二部分 优化营商环境',
      '（1）压减审批时限（牵头科室：审批科；责任科室：法规科、办公室）',
    ]);
  });

  it('reads a 序号 of 一/二 beside a task as a chapter, and numbers items from 序号 or in sequence', () => {
    const lines = documentLines([
      [
        header,
        ['一', '加强党的建设', '', '', ''],
        ['3', '落实主体责任', '办公室', '', ''],
        ['', '开展学习', '人事科', '', ''],
        ['二、', '优化营商环境', '', '', ''],
        ['（1）', '压减审批时限', '审批科', '', ''],
      ],
    ]);
    expect(lines).toEqual([
      '一、加强党的建设',
      '（3）落实主体责任（牵头科室：办公室）',
      '（4）开展学习（牵头科室：人事科）',
      '二、优化营商环境',
      '（1）压减审批时限（牵头科室：审批科）',
    ]);
  });

  it('takes the number from the task text when there is no 序号 column, and works without partners', () => {
    const lines = documentLines([
      [
        ['重点工作', '牵头处室', '完成期限'],
        ['（二）完善制度', '法规处', '6月底前'],
        ['推进信用建设', '执法处', ''],
      ],
    ]);
    expect(lines).toEqual([
      '（2）完善制度（牵头科室：法规处；完成时限：6月底前）',
      '（3）推进信用建设（牵头科室：执法处）',
    ]);
  });

  it('keeps other rows, rows above the header and tables without a header as plain lines', () => {
    const lines = documentLines([
      [
        ['2024年重点工作任务分解表', ''],
        header,
        ['1', '落实责任', '办公室', '', ''],
        ['注：时限为最迟完成时间', '', '', '', ''],
        header,
      ],
      [['联系人', '电话']],
    ]);
    expect(lines).toEqual([
      '2024年重点工作任务分解表',
      '（1）落实责任（牵头科室：办公室）',
      '注：时限为最迟完成时间',
      '联系人 电话',
    ]);
  });

  it('restarts numbering at a chapter paragraph between tables', () => {
    const table = [header, ['', '落实责任', '办公室', '', '']];
    expect(documentLines(['一、党建', table, '二、业务', table])).toEqual([
      '一、党建',
      '（1）落实责任（牵头科室：办公室）',
      '二、业务',
      '（1）落实责任（牵头科室：办公室）',
    ]);
  });

  it('produces lines the importer reads, warning by name about a row it cannot place', () => {
    const blocks = [
      '2024年工作要点',
      [
        header,
        ['一、加强党的建设'],
        ['1', '落实责任', '办公室', '各科室', '12月底前'],
        ['注：以上为年度任务'],
      ],
    ];
    expect(hasPlanTable(blocks)).toBe(true);
    expect(hasPlanTable(['一、党建', [['联系人', '电话']]])).toBe(false);
    const { plan, warnings } = importPlan(documentLines(blocks).join('\n'));
    expect(plan.chapters[0]!.items[0]).toMatchObject({
      id: '1.1',
      leads: ['办公室'],
      partners: ['各科室'],
      deadline: '2024-12-31',
    });
    expect(warnings.map((w) => w.text)).toEqual(['注：以上为年度任务']);
  });
});
