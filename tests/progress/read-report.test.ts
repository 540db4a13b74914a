import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { type ReportItem, readProgressReport } from '../../src/progress/read-report.js';
import { type Knowledge, knowledgeOf } from '../../src/understand/knowledge.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

/** 预算科's card: the items it leads, plan order. */
const CARD: ReportItem[] = [
  { itemId: '2.1', title: '挖潜量促增收' },
  { itemId: '3.1', title: '进一步强化预算编制' },
  { itemId: '3.3', title: '进一步理顺区镇财政体制' },
  { itemId: '4.1', title: '主动向上争取' },
  { itemId: '4.2', title: '全力做好配合和保障' },
];

describe('reading a reply to a 进展填报 card', () => {
  let config: LoadedConfig;
  let knowledge: Knowledge;
  const read = (text: string, items = CARD) => readProgressReport(text, items, knowledge);
  beforeAll(async () => {
    config = await loadConfig(CONFIG_DIR);
    knowledge = knowledgeOf(config);
  });

  it('reads item numbers in the forms people type, one line each, the text kept as typed', () => {
    expect(read('3.1：已完成3家抽查，11月底前完成\n四（一）：已对接省厅\n2-1 税源排查完毕').notes).toEqual([
      { itemId: '3.1', text: '已完成3家抽查，11月底前完成' },
      { itemId: '4.1', text: '已对接省厅' },
      { itemId: '2.1', text: '税源排查完毕' },
    ]);
  });

  it('reads line numbers: 1、… 2. … 第3项：…', () => {
    expect(read('1、初稿已成\n2. 已报送\n第5项：配合完成').notes).toEqual([
      { itemId: '2.1', text: '初稿已成' },
      { itemId: '3.1', text: '已报送' },
      { itemId: '4.2', text: '配合完成' },
    ]);
  });

  it('reads words naming an item on the card, before a colon or as the whole line', () => {
    expect(read('区镇财政体制：方案已上报').notes).toEqual([{ itemId: '3.3', text: '方案已上报' }]);
    expect(read('区镇财政体制调整方案已上报').notes).toEqual([
      { itemId: '3.3', text: '区镇财政体制调整方案已上报' },
    ]);
  });

  it('reads 政金企 among 金融服务中心’s items', () => {
    const finance: ReportItem[] = ['2.2', '6.1', '6.2', '9.2', '10.1'].map((itemId) => ({
      itemId,
      title: knowledge.index.byId.get(itemId)!.title,
    }));
    expect(read('政金企对接：已走访5家', finance).notes).toEqual([{ itemId: '6.2', text: '已走访5家' }]);
  });

  it('joins a line naming nothing to the line before; a date is not an item number', () => {
    expect(read('4.2：\n已配合审计\n11.30前完成验收\n12.5 万元已拨付').notes).toEqual([
      { itemId: '4.2', text: '已配合审计；11.30前完成验收；12.5 万元已拨付' },
    ]);
  });

  it('says back a line past the card and an item the card does not list, and keeps the rest', () => {
    const reading = read('8.4：检查完成\n9：无\n2.1：推进中');
    expect(reading.notes).toEqual([{ itemId: '2.1', text: '推进中' }]);
    expect(reading.problems).toEqual([
      '8.4 不在这张填报卡上（卡上是 2.1、3.1、3.3、4.1、4.2）。',
      '这张填报卡只列了 5 项，请写 1 到 5 之间的序号。',
    ]);
  });

  it('leaves text naming nothing unplaced, and an item with no text is said back', () => {
    expect(read('本月各项工作正常推进')).toEqual({
      notes: [],
      unplaced: ['本月各项工作正常推进'],
      problems: [],
    });
    expect(read('3.1：').problems).toEqual(['3.1 后没有写进展内容。']);
  });

  it('drops a leading @mention of a line', () => {
    expect(read('@督办 3.1：已完成').notes).toEqual([{ itemId: '3.1', text: '已完成' }]);
  });
});
