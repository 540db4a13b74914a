import { describe, expect, it } from 'vitest';
import { type DocumentBlock, namedDocumentLines } from '../../src/plan/import/table-rows.js';
import { importPlan } from '../../src/plan/importer.js';
import type { Item } from '../../src/plan/types.js';

/** Tables as offices lay them out (issue 13, part 3), read through to items. */
function importBlocks(blocks: DocumentBlock[]) {
  const lines = namedDocumentLines(blocks);
  const { plan, warnings } = importPlan(lines.map((l) => l.text).join('\n'), {
    lineNames: lines.map((l) => l.where),
  });
  const items: Item[] = plan.chapters.flatMap((c) => c.items);
  return { plan, items, warnings };
}

describe('plan tables in other layouts', () => {
  it('民生实事 | 责任单位 | 完成时限, several units as paragraphs of one cell', () => {
    const { items, warnings } = importBlocks([
      '某县2023年十件民生实事',
      [
        ['序号', '民生实事', '责任单位', '完成时限'],
        ['1', '新建城区公办幼儿园2所', '县教育局\n县住建局', '9月投入使用'],
        ['2', '改造老旧小区10个', '县住建局', '2023年12月'],
      ],
    ]);
    expect(items.map((i) => [i.id, i.title, i.leads, i.partners, i.deadline])).toEqual([
      ['1.1', '新建城区公办幼儿园2所', ['县教育局', '县住建局'], [], '2023-09-30'],
      ['1.2', '改造老旧小区10个', ['县住建局'], [], '2023-12-31'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('责任主体与协同单位 beside 牵头单位 is the partners column', () => {
    const { items } = importBlocks([
      '2023年工作要点',
      [
        ['序号', '重点任务', '牵头单位', '责任主体与协同单位', '完成时间'],
        ['1', '推进数字政府建设', '市大数据局', '各区、县级市\n市政务办', '年底'],
      ],
    ]);
    expect(items[0]).toMatchObject({ leads: ['市大数据局'], partners: ['各区、县级市', '市政务办'] });
  });

  it('项目名称 + 工作任务 become title + text', () => {
    const { items } = importBlocks([
      '2023年重点项目',
      [
        ['序号', '项目名称', '工作任务', '牵头部门', '时间节点'],
        ['1', '城市书房', '建成城市书房5家，免费开放', '市文旅局', '10月建成'],
      ],
    ]);
    expect(items[0]).toMatchObject({
      title: '城市书房',
      text: '城市书房。建成城市书房5家，免费开放',
      deadline: '2023-10-31',
    });
  });

  it('a header over two rows: 责任单位 above 牵头单位 | 配合单位', () => {
    const { items } = importBlocks([
      '2023年工作要点',
      [
        ['序号', '工作任务', '责任单位', '责任单位', '完成时限'],
        ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
        ['1', '推进招商引资', '商务局', '发改局、财政局', '6月底前'],
      ],
    ]);
    expect(items[0]).toMatchObject({
      leads: ['商务局'],
      partners: ['发改局', '财政局'],
      deadline: '2023-06-30',
    });
  });

  it('a 序号 merged over two rows continues the task instead of aborting the import', () => {
    const { items } = importBlocks([
      '2023年工作要点',
      [
        ['序号', '工作任务', '牵头单位', '完成时限'],
        ['1', '建设污水处理厂', '水务局', '5月底前动工'],
        ['1', '配套管网铺设', '住建局', '10月建成'],
        ['2', '整治河道', '水务局', '年内'],
      ],
    ]);
    expect(items.map((i) => [i.id, i.text, i.leads, i.deadline])).toEqual([
      ['1.1', '建设污水处理厂。配套管网铺设', ['水务局', '住建局'], '2023-10-31'],
      ['1.2', '整治河道', ['水务局'], '2023-12-31'],
    ]);
  });

  it('with no known header, the longest text is the task and unit-name columns the units', () => {
    const { items } = importBlocks([
      '2023年工作要点',
      [
        ['编', '事项', '单位', '协助', '时间'],
        ['1', '完成全市高标准农田建设任务五万亩', '市农业农村局', '市财政局、市水务局', '11月底前'],
        ['2', '实施农村人居环境整治提升行动', '市农业农村局', '各区人民政府', '年底前'],
      ],
    ]);
    expect(items.map((i) => [i.id, i.leads, i.partners, i.deadline])).toEqual([
      ['1.1', ['市农业农村局'], ['市财政局', '市水务局'], '2023-11-30'],
      ['1.2', ['市农业农村局'], ['各区人民政府'], '2023-12-31'],
    ]);
  });

  it('names table positions as 表N 第M行 in warnings', () => {
    const { warnings } = importBlocks([
      '2023年工作要点',
      [['联系人', '电话']],
      [
        ['序号', '工作任务', '牵头单位', '完成时限'],
        ['1', '落实责任', '办公室', '立即'],
      ],
    ]);
    expect(warnings.map((w) => [w.where, w.kind])).toEqual([['表2 第2行', 'deadline-unread']]);
  });
});

describe('groups and marked leads', () => {
  it('reads a （一） row with no units as a group heading (chapter text) above the numbered tasks', () => {
    const { plan, items } = importBlocks([
      '2023年工作要点',
      [
        ['序号', '重点任务', '责任单位', '完成时限'],
        ['（一）', '着力扩大内需', '', ''],
        ['1', '促进消费', '市商务局', '年底'],
        ['2', '扩大投资', '市发改委', '年底'],
      ],
    ]);
    expect(items.map((i) => [i.id, i.title, i.leads])).toEqual([
      ['1.1', '促进消费', ['市商务局']],
      ['1.2', '扩大投资', ['市发改委']],
    ]);
    expect(plan.chapters[0]!.text).toBe('（一）着力扩大内需');
  });

  it('takes a unit marked （牵头） in a list as the lead and the rest as partners', () => {
    const { items } = importBlocks([
      '2023年工作要点',
      [
        ['序号', '重点任务', '责任单位', '完成时限'],
        ['1', '推进项目建设', '市财政局、市发改委（牵头）、市自然资源局', '年底'],
      ],
    ]);
    expect(items[0]).toMatchObject({ leads: ['市发改委'], partners: ['市财政局', '市自然资源局'] });
  });
});
