import { describe, expect, it } from 'vitest';
import { findDatePhrases } from '../../src/plan/deadline-grammar.js';
import { toHalfWidth } from '../../src/plan/import/normalize.js';
import { importPlan } from '../../src/plan/importer.js';

/** Layouts met in real documents: a notice before the plan, tasks at the 一、 level, notes that say when. */
describe('document layouts', () => {
  it('takes the notice’s own 一、二、 as preamble when the plan numbers its chapters from 一 again', () => {
    const doc = [
      '区人民政府办公室关于印发2023年目标任务责任分解方案的通知',
      '一、各责任单位要高度重视，于2023年1月15日前报送工作方案。',
      '二、区绩效考评机构要纳入考核。',
      '区人民政府办公室',
      '2023年1月3日',
      '2023年目标任务责任分解方案',
      '一、主要预期目标',
      '(一)地区生产总值增长7%以上',
      '责任单位:区发展和改革局',
    ].join('\n');
    const { plan, warnings } = importPlan(doc);
    expect(plan.chapters.map((c) => [c.number, c.title])).toEqual([[1, '主要预期目标']]);
    expect(plan.chapters[0]!.items[0]).toMatchObject({ id: '1.1', leads: ['区发展和改革局'] });
    expect(warnings).toEqual([]);
  });

  it('reads 一、-numbered paragraphs that each close with a note as the tasks', () => {
    const doc = [
      '国务院办公厅关于加大激励支持力度的通知',
      '一、对深化商事制度改革成效显著的地方，优先纳入相关试点。（市场监管总局负责）',
      '二、对促进外贸稳定增长的地方给予优先支持。（商务部、财政部负责）',
      '三、对推进投资成效明显的地方予以奖励。（国家发展改革委会同财政部负责）',
    ].join('\n');
    const { plan } = importPlan(doc, { year: 2018 });
    expect(plan.chapters).toHaveLength(1);
    expect(plan.chapters[0]!.items.map((i) => [i.id, i.leads, i.partners])).toEqual([
      ['1.1', ['市场监管总局'], []],
      ['1.2', ['商务部', '财政部'], []],
      ['1.3', ['国家发展改革委'], ['财政部']],
    ]);
  });

  it('reads when from the note: "年内持续推进" is ongoing work, not due on 31 December', () => {
    const { plan } = importPlan(
      '2020年重点工作\n一、甲\n（一）做好六稳工作。（国务院各部门分别负责，年内持续推进）',
    );
    const item = plan.chapters[0]!.items[0]!;
    expect(item.leads).toEqual(['国务院各部门']);
    expect(item.deadline).toBeNull();
    expect(item.milestones.map((m) => [m.due, m.every])).toEqual([[null, null]]);
  });

  it('reads a block in tortoise-shell brackets 〔责任单位：…〕', () => {
    const { plan } = importPlan(
      '2022年工作要点\n一、甲\n(一)加强市场体系建设。〔责任单位:省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕',
    );
    expect(plan.chapters[0]!.items[0]).toMatchObject({ leads: ['省发展改革委', '商务厅'], partners: [] });
  });

  it('reads 全年 and a span 2023.01-2023.12 in a 完成时限', () => {
    const dues = (t: string) => findDatePhrases(toHalfWidth(t), 2023, true).map((p) => p.due);
    expect(dues('全年')).toEqual(['2023-12-31']);
    expect(dues('2023.01-2023.12')).toEqual(['2023-12-31']);
    expect(dues('2023年3月—2024年6月')).toEqual(['2024-06-30']);
  });

  it('takes the plan year from the document number or the issue date when the title names none', () => {
    const body = '一、甲\n（一）做A。（商务部负责）';
    expect(importPlan(`国务院关于若干问题的意见\n国发〔2019〕3号\n${body}`).plan.year).toBe(2019);
    expect(importPlan(`国务院关于若干问题的意见\n${body}\n国务院\n2019年1月12日`).plan.year).toBe(2019);
  });
});

describe('parts after the plan', () => {
  it('leaves out an attachment numbered from 一 again, warning about each of its lines', () => {
    const doc = [
      '2023年工作要点',
      '一、甲',
      '（一）做A。（由办公室负责）',
      '二、乙',
      '（一）做B。（牵头单位：财务科）',
      '附件',
      '一、联系人',
      '张三 12345',
    ].join('\n');
    const { plan, warnings } = importPlan(doc);
    expect(plan.chapters.map((c) => c.number)).toEqual([1, 2]);
    expect(plan.chapters[0]!.items[0]!.leads).toEqual(['办公室']);
    expect(warnings.map((w) => [w.where, w.kind])).toEqual([
      ['第7行', 'stray-text'],
      ['第8行', 'stray-text'],
    ]);
  });
});
