import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/plan/types.js';
import { runDuban } from '../helpers/cli-io.js';
import { makeDocx } from '../helpers/make-docx.js';

async function importDocx(blocks: Parameters<typeof makeDocx>[0]) {
  const dir = await mkdtemp(join(tmpdir(), 'duban-import-table-'));
  const path = join(dir, '任务分解表.docx');
  await writeFile(path, await makeDocx(blocks));
  return runDuban(['import', path, '--json']);
}

describe('duban import of a plan written as a Word table', () => {
  it('reads chapters, items, fields and milestones from the rows', async () => {
    const { code, out, err } = await importDocx([
      '市统计局2025年工作要点',
      '为做好全年工作，制定本要点。',
      {
        table: [
          ['序号', '重点任务', '牵头单位', '配合单位', '完成时间'],
          [{ text: '一、夯实统计基础', colspan: 5 }],
          [
            '1',
            '推进经济普查。9月底前完成普查数据审核',
            { text: '普查中心', vMerge: 'restart' },
            '综合科、核算科',
            '12月底前',
          ],
          ['2', '加强统计执法检查', { text: '', vMerge: 'continue' }, '', '6月底前、11月底前'],
          [{ text: '二、提升服务水平', colspan: 5 }],
          ['1', '编印统计年鉴', '综合科', '', '每季度'],
          ['2', '开展统计开放日活动\n面向社会公众', '办公室', '各科室', '长期坚持'],
        ],
      },
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.title).toBe('市统计局2025年工作要点');
    expect(plan.year).toBe(2025);
    expect(plan.chapters.map((c: { number: number; title: string }) => [c.number, c.title])).toEqual([
      [1, '夯实统计基础'],
      [2, '提升服务水平'],
    ]);
    const items: Item[] = plan.chapters.flatMap((c: { items: Item[] }) => c.items);
    expect(items.map((i) => [i.id, i.title, i.leads, i.partners, i.deadline])).toEqual([
      ['1.1', '推进经济普查', ['普查中心'], ['综合科', '核算科'], '2025-12-31'],
      ['1.2', '加强统计执法检查', ['普查中心'], [], '2025-11-30'],
      ['2.1', '编印统计年鉴', ['综合科'], [], null],
      ['2.2', '开展统计开放日活动', ['办公室'], ['各科室'], null],
    ]);
    expect(items[0]!.milestones).toEqual([
      { text: '9月底前完成普查数据审核', due: '2025-09-30', every: null },
    ]);
    expect(items[1]!.milestones).toEqual([
      { text: '完成时限：6月底前、11月底前', due: '2025-06-30', every: null },
    ]);
    expect(items[2]!.milestones).toMatchObject([{ text: '完成时限：每季度', due: null, every: 'quarter' }]);
    expect(items[3]!.text).toBe('开展统计开放日活动。面向社会公众');
    expect(items[3]!.milestones).toEqual([{ text: '完成时限：长期坚持', due: null, every: null }]);
  });

  it('warns by name about a row that is neither item nor chapter', async () => {
    const { code, out, err } = await importDocx([
      '2025年工作要点',
      {
        table: [
          ['序号', '工作任务', '牵头科室', '完成时限'],
          [{ text: '一、加强党的建设', colspan: 4 }],
          ['1', '落实主体责任', '办公室', '12月底前'],
          [{ text: '注：时限为最迟完成时间', colspan: 4 }],
        ],
      },
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out).chapters[0].items).toHaveLength(1);
    expect(err).toMatch(/^warning: .*任务分解表\.docx 表1 第4行: 不属于任何事项.*: 注：时限为最迟完成时间$/m);
  });

  it('continues a task whose 序号 is merged over two rows, instead of aborting the import', async () => {
    const { code, out, err } = await importDocx([
      '2025年民生实事',
      {
        table: [
          ['序号', '民生实事', '责任单位', '完成时限'],
          [{ text: '1', vMerge: 'restart' }, '新建幼儿园2所', '教育局', '9月投入使用'],
          [{ text: '', vMerge: 'continue' }, '配套道路', '住建局', '10月建成'],
          ['2', '改造老旧小区', '住建局', '年底'],
        ],
      },
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const items: Item[] = JSON.parse(out).chapters.flatMap((c: { items: Item[] }) => c.items);
    expect(items.map((i) => [i.id, i.leads, i.deadline])).toEqual([
      ['1.1', ['教育局', '住建局'], '2025-10-31'],
      ['1.2', ['住建局'], '2025-12-31'],
    ]);
  });

  it('reads a paragraph .docx of a task-division plan, naming paragraphs (第N段) in warnings', async () => {
    const { code, out, err } = await importDocx([
      '国务院办公厅关于印发重点任务分工方案的通知',
      '国办函〔2023〕12号',
      '一、重点任务',
      '（一）着力扩大国内需求',
      '1.把恢复和扩大消费摆在优先位置。（国家发展改革委、商务部等负责。列第一位者为牵头单位）',
      '2.扩大有效投资。（国家发展改革委负责）',
      '落款之外的一句话',
      '国务院办公厅',
      '2023年3月1日',
    ]);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.year).toBe(2023);
    const items: Item[] = plan.chapters.flatMap((c: { items: Item[] }) => c.items);
    expect(items.map((i) => [i.id, i.leads, i.partners])).toEqual([
      ['1.1', ['国家发展改革委'], ['商务部']],
      ['1.2', ['国家发展改革委'], []],
    ]);
    expect(err).toMatch(/^warning: .*任务分解表\.docx 第7段: 不属于任何事项.*: 落款之外的一句话$/m);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
