import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/plan/import-error.js';
import { importPlan } from '../../src/plan/importer.js';
import type { Milestone } from '../../src/plan/types.js';
import { readReferencePlan } from '../helpers/reference-plan.js';
import { REFERENCE_GOLDEN } from './reference-golden.js';

const milestoneKey = (m: Milestone) =>
  m.due ?? (m.every ? `every:${m.every}${m.count === undefined ? '' : `×${m.count}`}` : 'ongoing');

describe('importPlan on the reference plan', () => {
  const { plan, warnings } = importPlan(readReferencePlan());
  const items = plan.chapters.flatMap((c) => c.items);

  it('reads the title, the year, 10 chapters and 24 items, with no warnings', () => {
    expect(plan.title).toBe('管委会财政局2023年工作要点');
    expect(plan.year).toBe(2023);
    expect(plan.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(plan.chapters[5]!.title).toBe('加快金融建设，促进经济发展');
    expect(items).toHaveLength(24);
    expect(warnings).toEqual([]);
  });

  it.each(REFERENCE_GOLDEN)(
    'item $id: title, leads, partners, deadline and milestones as written',
    (golden) => {
      const item = items.find((i) => i.id === golden.id);
      expect(item).toBeDefined();
      expect(item!.title).toBe(golden.title);
      expect(item!.leads).toEqual(golden.leads);
      expect(item!.partners).toEqual(golden.partners);
      expect(item!.deadline).toBe(golden.deadline);
      expect(item!.milestones.map(milestoneKey)).toEqual(golden.milestones);
    },
  );

  it('keeps each milestone with the clause it stands in', () => {
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('8.4')!.milestones.map((m) => m.text)).toEqual([
      '9月底前对各预算单位预决算公开进行专项检查',
      '11月底前抽取4家区直部门、1－2个镇（街道）实施财政收支监督',
      '按照“双随机一公开”要求在6月底前开展全区代理记账机构虚假承诺监督检查',
    ]);
    expect(byId.get('6.2')!.milestones.map((m) => m.text)).toEqual([
      '每季度开展好“政金企”对接活动',
      '按月收集梳理中小微企业融资需求',
    ]);
    expect(byId.get('1.1')!.milestones[0]!.text).toBe('局党组每半年专题研究部署意识形态工作至少1次');
  });

  it('reads the targets stated in the text', () => {
    const targets = (id: string) => items.find((i) => i.id === id)!.targets.map((t) => `${t.value}${t.unit}`);
    expect(targets('2.1')).toEqual(['8亿元', '13.43%']);
    expect(targets('4.1')).toEqual(['200万元']);
    expect(targets('6.1')).toEqual(['4家', '13%']);
    expect(targets('9.2')).toEqual(['6600万元']);
    expect(targets('8.4')).toContain('10个项目');
    expect(items.find((i) => i.id === '2.1')!.targets[1]!.text).toBe('增长13.43％');
  });

  it('splits 一是/二是/… into points and keeps the whole text', () => {
    const item = items.find((i) => i.id === '8.4')!;
    expect(item.points).toHaveLength(5);
    expect(item.points[2]).toMatch(/^9月底前对各预算单位预决算公开进行专项检查/);
    expect(item.text.startsWith('加强财政监督。一是加强项目投资评审')).toBe(true);
    expect(item.text).not.toContain('牵头科室');
    expect(items.find((i) => i.id === '1.2')!.points).toEqual([]);
  });
});

describe('责任单位 with no 牵头 label', () => {
  it('names the leads: all of them, or the first when the document says the first listed leads', () => {
    const item = (doc: string) => importPlan(doc).plan.chapters[0]!.items[0]!;
    expect(item('2023年工作要点\n一、甲\n1.做A。\n责任单位：市发改委、市经信局')).toMatchObject({
      leads: ['市发改委', '市经信局'],
      partners: [],
    });
    expect(
      item(
        '2023年工作要点\n列第一位为牵头单位。\n一、甲\n1.做A。\n责任单位：市发改委、市经信局，各县(市、区)政府',
      ),
    ).toMatchObject({ leads: ['市发改委'], partners: ['市经信局', '各县(市、区)政府'] });
    expect(
      item('2023年工作要点\n一、甲\n1.做A。\n责任单位：市人力社保局、市农业农村局分别牵头'),
    ).toMatchObject({
      leads: ['市人力社保局', '市农业农村局'],
    });
  });
});

describe('importPlan errors and warnings', () => {
  it('needs a year from the title or the caller', () => {
    const doc = '财政局工作要点\n一、总则\n（一）做好工作。（牵头科室：办公室；完成时限：6月30日前）';
    expect(() => importPlan(doc)).toThrow(ImportError);
    expect(() => importPlan(doc)).toThrow(/pass --year/);
    expect(importPlan(doc, { year: 2024 }).plan.chapters[0]!.items[0]!.deadline).toBe('2024-06-30');
  });

  it('rejects a document with no items, saying what it looked for', () => {
    expect(() => importPlan('2023年工作要点\n随便写点什么')).toThrow(/no items found/);
  });

  it('rejects two items with one number, naming both lines', () => {
    const doc = '2023年工作要点\n一、甲\n（一）做A。\n（一）做B。';
    expect(() => importPlan(doc)).toThrow(/line 4: item 1\.1 is numbered like line 3/);
  });

  it('keeps a chapter’s lead-in as chapter text, and warns, naming the line, about text after an item', () => {
    const doc = [
      '2023年工作要点',
      '一、甲章',
      '本章导语，不属于任何事项。',
      '（一）做A。（牵头科室：办公室；完成时限：6月30日前）',
      '落款：某某局',
    ].join('\n');
    const { plan, warnings } = importPlan(doc);
    expect(plan.chapters[0]!.text).toBe('本章导语，不属于任何事项。');
    expect(warnings.map((w) => [w.line, w.where, w.kind])).toEqual([[5, '第5行', 'stray-text']]);
    expect(warnings[0]!.message).toMatch(/after the field block of item 1\.1/);
    expect(warnings[0]!.text).toBe('落款：某某局');
  });

  it('warns about a task written before the first chapter instead of taking it as preamble', () => {
    const doc = [
      '2023年工作要点',
      '（一）孤立的任务。（牵头科室：办公室）',
      '一、甲',
      '（一）做A。（牵头科室：办公室）',
    ].join('\n');
    const { plan, warnings } = importPlan(doc);
    expect(plan.chapters[0]!.items.map((i) => i.id)).toEqual(['1.1']);
    expect(warnings).toEqual([
      {
        line: 2,
        where: '第2行',
        kind: 'task-before-chapter',
        text: '（一）孤立的任务。（牵头科室：办公室）',
        message:
          '像是一项任务，但出现在第一个章节标题之前 / looks like a task but comes before the first chapter',
      },
    ]);
  });

  it('warns about a deadline it cannot read and an item with no lead', () => {
    const doc = '2023年工作要点\n一、甲\n（一）做A。（配合科室：办公室；完成时限：尽快）';
    const { plan, warnings } = importPlan(doc);
    expect(plan.chapters[0]!.items[0]!.deadline).toBeNull();
    expect(plan.chapters[0]!.items[0]!.deadlineText).toBe('尽快');
    expect(warnings.map((w) => w.message)).toEqual([
      '事项 1.1 的完成时限「尽快」不是可识别的日期，已原样保留，未设截止日期 / item 1.1: 完成时限 "尽快" is not a date duban understands; the item has no deadline',
      '事项 1.1 没有写牵头单位 / item 1.1 names no lead section (牵头科室)',
    ]);
  });
});
