import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/plan/importer.js';
import type { Item } from '../../src/plan/types.js';

/** Documents written the way national and provincial task-division plans are (issue 13, part 1). */
const items = (doc: string): Map<string, Item> =>
  new Map(
    importPlan(doc)
      .plan.chapters.flatMap((c) => c.items)
      .map((i) => [i.id, i]),
  );

describe('lead conventions stated in the document', () => {
  const head = '2023年重点工作任务分工方案\n一、重点任务';

  it('列第一位者为牵头单位: the first unit leads, the rest are partners', () => {
    const item = items(
      `${head}\n（一）推进制造业数字化转型。（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位）`,
    ).get('1.1')!;
    expect(item.leads).toEqual(['工业和信息化部']);
    expect(item.partners).toEqual(['发展改革委', '科技部', '农业农村部']);
    expect(item.text).toBe('推进制造业数字化转型。');
  });

  it('排在第一位的部门为牵头部门, stated once in the preamble, holds for every task', () => {
    const doc = [
      '2023年减税降费任务分工',
      '以下各项任务中，排在第一位的部门为牵头部门，其他部门按职责分工负责。',
      '一、重点任务',
      '（一）落实好结构性减税政策。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门）',
      '（二）规范涉企收费。（市场监管总局、发展改革委负责）',
    ].join('\n');
    const byId = items(doc);
    expect(byId.get('1.1')).toMatchObject({ leads: ['税务总局'], partners: ['财政部', '海关总署'] });
    expect(byId.get('1.2')).toMatchObject({ leads: ['市场监管总局'], partners: ['发展改革委'] });
  });

  it('"X、Y牵头负责" makes both leads; "X负责" with no convention is the lead as written', () => {
    const byId = items(
      `${head}\n（一）稳定粮食生产。（农业农村部、工业和信息化部牵头负责）\n（二）抓好落实。（各省级人民政府负责）`,
    );
    expect(byId.get('1.1')).toMatchObject({ leads: ['农业农村部', '工业和信息化部'], partners: [] });
    expect(byId.get('1.2')).toMatchObject({ leads: ['各省级人民政府'], partners: [] });
  });

  it('"X牵头，Y、Z参与" names the lead and the partners', () => {
    const item = items(`${head}\n（一）完善标准体系。（市场监管总局牵头，工业和信息化部、商务部参与）`).get(
      '1.1',
    )!;
    expect(item).toMatchObject({ leads: ['市场监管总局'], partners: ['工业和信息化部', '商务部'] });
  });

  it('a bracket that names no one responsible is text, not a field block', () => {
    const item = items(`${head}\n（一）完成收入8亿元（同口径）。（牵头单位：预算科）`).get('1.1')!;
    expect(item.text).toBe('完成收入8亿元（同口径）。');
    expect(item.leads).toEqual(['预算科']);
  });
});

describe('three-level numbering: the task level is the deepest that carries field blocks', () => {
  const doc = [
    '某省2023年重点任务分工方案',
    '一、总体要求',
    '以习近平新时代中国特色社会主义思想为指导，坚持稳中求进。',
    '二、基本原则',
    '（一）坚持系统观念。统筹发展和安全。',
    '（二）坚持问题导向。聚焦突出问题。',
    '三、重点任务',
    '（一）着力扩大国内需求',
    '1.把恢复和扩大消费摆在优先位置。（省发展改革委、省商务厅负责，列第一位者为牵头单位）',
    '2.扩大有效投资。（省发展改革委负责）',
    '（二）加快建设现代化产业体系',
    '1.推动制造业高端化。（省工业和信息化厅负责）',
    '2.发展数字经济。（省委网信办、省工业和信息化厅负责）',
    '3.加强人才支撑。一是引进人才；二是培养人才。（省人力资源社会保障厅负责）',
    '四、有关要求',
    '各地各部门要加强组织领导，确保各项任务落地见效。',
    '省人民政府办公厅',
    '2023年3月1日',
    '（此件公开发布）',
  ];

  const { plan, warnings } = importPlan(doc.join('\n'));
  const chapter = (n: number) => plan.chapters.find((c) => c.number === n)!;

  it('takes the "1." tasks as items, not the （一） groups, numbering restarted groups through the chapter', () => {
    expect(chapter(3).items.map((i) => [i.id, i.title, i.leads[0]])).toEqual([
      ['3.1', '把恢复和扩大消费摆在优先位置', '省发展改革委'],
      ['3.2', '扩大有效投资', '省发展改革委'],
      ['3.3', '推动制造业高端化', '省工业和信息化厅'],
      ['3.4', '发展数字经济', '省委网信办'],
      ['3.5', '加强人才支撑', '省人力资源社会保障厅'],
    ]);
    expect(chapter(3).items[0]!.partners).toEqual(['省商务厅']);
    expect(chapter(3).text).toBe('（一）着力扩大国内需求\n（二）加快建设现代化产业体系');
  });

  it('keeps prose sections and field-less principles as chapter text, not items', () => {
    expect(chapter(1)).toMatchObject({ title: '总体要求', items: [], text: doc[2] });
    expect(chapter(2)).toMatchObject({ title: '基本原则', items: [], text: `${doc[4]}\n${doc[5]}` });
    expect(chapter(4)).toMatchObject({ title: '有关要求', items: [], text: doc[15] });
  });

  it('recognises the issuer, the date and （此件公开发布） without warnings', () => {
    expect(warnings).toEqual([]);
  });
});

describe('titles, digits and unit names', () => {
  it('reads "11.121人才梯队项目" as item 11 when 11 comes next, and "8.4亿元" as text', () => {
    const doc = [
      '2023年工作要点',
      '一、人才',
      ...Array.from({ length: 10 }, (_, i) => `${i + 1}.任务${i + 1}。（牵头单位：人社局）`),
      '11.121人才梯队项目。建设梯队。（牵头单位：人社局）',
      '12.投入资金。',
      '8.4亿元用于人才公寓。（牵头单位：住建局）',
    ].join('\n');
    const byId = items(doc);
    expect(byId.get('1.11')!.title).toBe('121人才梯队项目');
    expect(byId.get('1.12')!.text).toBe('投入资金。8.4亿元用于人才公寓。');
  });

  it('takes the title under the letterhead, not the letterhead', () => {
    const { plan } = importPlan(
      '丽水市人民政府办公室文件\n丽政办发〔2023〕5号\n关于印发2023年重点工作的通知\n一、甲\n（一）做A。（牵头单位：办公室）',
    );
    expect(plan.title).toBe('关于印发2023年重点工作的通知');
  });

  it('keeps a title broken over two lines whole', () => {
    const { plan } = importPlan(
      '关于印发2023年重点任务\n分工方案的通知\n一、甲\n（一）做A。（牵头单位：办公室）',
    );
    expect(plan.title).toBe('关于印发2023年重点任务分工方案的通知');
  });

  it('keeps a chapter heading wrapped onto a second line whole, but not a short heading and its first line', () => {
    const { plan } = importPlan(
      [
        '2023年工作要点',
        '一、深入实施创新驱动发展战略，加快建设',
        '现代化产业体系',
        '（一）做A。（牵头单位：科技局）',
        '二、主要任务',
        '着力扩大内需',
        '（一）做B。（牵头单位：发改委）',
      ].join('\n'),
    );
    expect(plan.chapters.map((c) => [c.title, c.text])).toEqual([
      ['深入实施创新驱动发展战略，加快建设现代化产业体系', undefined],
      ['主要任务', '着力扩大内需'],
    ]);
  });

  it('keeps collective units as written: 各区、县级市, 各有关单位, 有关部门', () => {
    const item = items(
      '2023年工作要点\n一、甲\n（一）做A。（牵头单位：各区、县级市；配合单位：各有关单位、有关部门、各有关乡镇(街道)）',
    ).get('1.1')!;
    expect(item.leads).toEqual(['各区、县级市']);
    expect(item.partners).toEqual(['各有关单位', '有关部门', '各有关乡镇(街道)']);
  });
});
