import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { knowledgeOf } from '../../src/understand/knowledge.js';
import { parseQuestion } from '../../src/understand/parse-question.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

/** Text → intent and slots, on the reference config, "today" Monday 2023-09-25. */
let config: LoadedConfig;
const parse = (text: string) => {
  const knowledge = knowledgeOf(config);
  return parseQuestion(text, {
    lexicon: knowledge.lexicon,
    itemExists: (id) => knowledge.index.byId.has(id),
    today: '2023-09-25',
  });
};

beforeAll(async () => {
  config = await loadConfig(CONFIG_DIR);
});

describe('word order and filler do not change what is asked', () => {
  it.each([
    ['政金企 谁牵头', '谁牵头 政金企', '@督办 政金企那个，到底是谁牵头的？'],
    ['8.4什么时候截止', '什么时候截止 8.4', '8.4 啥时候截止啊'],
    ['金融招商今年目标多少', '今年目标多少 金融招商', '金融招商 目标是多少'],
  ])('%s / %s / %s', (a, b, c) => {
    const [x, y, z] = [parse(a), parse(b), parse(c)];
    expect(y.intent).toBe(x.intent);
    expect(z.intent).toBe(x.intent);
    expect(y.topic).toBe(x.topic);
    expect(z.itemRef).toBe(x.itemRef);
  });
});

describe('item references anywhere in the text', () => {
  it.each([
    ['8.4谁牵头', '8.4'],
    ['八（四）完成了吗', '8.4'],
    ['第八章第四项是什么', '8.4'],
    ['五点一什么时候完成', '5.1'],
    ['十.2 啥时候', '10.2'],
    ['第3章第2项', '3.2'],
  ])('%s → %s', (text, ref) => {
    expect(parse(text).itemRef).toBe(ref);
  });

  it('does not read dates, decimals or amounts as items', () => {
    expect(parse('2023-09-30 到期的').itemRef).toBeUndefined();
    expect(parse('增长13.43%是哪项').itemRef).toBeUndefined();
    expect(parse('8.4亿是哪项').itemRef).toBeUndefined();
  });

  it('reads chapters: 第五部分, 第三章, chapter 9', () => {
    expect(parse('第五部分都有啥')).toMatchObject({ intent: 'chapter', chapter: 5 });
    expect(parse('第三章')).toMatchObject({ intent: 'chapter', chapter: 3 });
    expect(parse('chapter 9')).toMatchObject({ intent: 'chapter', chapter: 9 });
    expect(parse('第五章进度')).toMatchObject({ intent: 'progress', chapter: 5 });
  });
});

describe('sections by name, alias, short name, nickname and person', () => {
  it.each([
    ['国库科都有啥活', '国库科', 'name'],
    ['金融中心今年都要干啥', '金融服务中心', 'name'],
    ['国资 负责啥', '国资科', 'abbreviation'],
    ['债务那块都有哪些事', '债务科', 'abbreviation'],
    ['纪检 有啥任务', '党风廉政监督组', 'name'],
    ['罗斌负责哪些工作', '金融服务中心', 'person'],
  ])('%s → %s (%s)', (text, section, source) => {
    expect(parse(text)).toMatchObject({ intent: 'section-work', section, sectionSource: source });
  });

  it('keeps a short name inside a longer word as words: 隐性债务 is not 债务科', () => {
    const q = parse('隐性债务 谁负责');
    expect(q.section).toBeUndefined();
    expect(q.topic).toBe('隐性债务');
  });

  it('leaves "债务那块谁管" for the ranking to settle between the section and a task', () => {
    expect(parse('债务那块谁管')).toMatchObject({
      intent: 'who-leads',
      ambiguousSection: { section: '债务科', word: '债务' },
    });
  });

  it('reads roles: 牵头的 → lead, 配合的 → partner', () => {
    expect(parse('预算科牵头的有几项').role).toBe('lead');
    expect(parse('支付中心参与了哪些').role).toBe('partner');
  });
});

describe('periods', () => {
  it.each([
    ['下个月有什么要交的', '下月', '2023-10-01', '2023-10-31'],
    ['这周有啥到期的', '本周', '2023-09-25', '2023-10-01'],
    ['未来两周有啥要交', '近 14 天', '2023-09-25', '2023-10-09'],
    ['十一月要交哪些', '11月', '2023-11-01', '2023-11-30'],
    ['最近有啥要截止的', '近 7 天', '2023-09-25', '2023-10-02'],
  ])('%s → %s', (text, label, from, to) => {
    expect(parse(text)).toMatchObject({ intent: 'due-window', period: { label, from, to } });
  });
});

describe('confirm and undo are read strictly', () => {
  it('a statement confirms, with its note', () => {
    expect(parse('完成 8.4 专项检查报告已报送')).toMatchObject({
      intent: 'confirm',
      itemRef: '8.4',
      note: '专项检查报告已报送',
    });
    expect(parse('6.2完成了，三季度活动已办')).toMatchObject({ intent: 'confirm', itemRef: '6.2' });
    expect(parse('完成 8.4/m1/2023')).toMatchObject({ intent: 'confirm', occurrenceId: '8.4/m1/2023' });
  });

  it('a question never confirms', () => {
    expect(parse('8.4完成了吗').intent).toBe('item-status');
    expect(parse('8.4 done?').intent).toBe('item-status');
    expect(parse('7.1完成没有').intent).toBe('item-status');
  });

  it('undo names the item or the occurrence', () => {
    expect(parse('撤销8.4')).toMatchObject({ intent: 'undo', itemRef: '8.4' });
    expect(parse('undo 8.4/m1/2023')).toMatchObject({ intent: 'undo', occurrenceId: '8.4/m1/2023' });
  });
});

describe('mine, overdue, progress and help', () => {
  it.each([
    ['我们科还有啥没完成', 'open-work'],
    ['我的任务', 'open-work'],
    ['哪些科室拖了没完成', 'overdue'],
    ['谁还没按时完成', 'overdue'],
    ['6.2有没有逾期', 'item-status'],
    ['监督科进度咋样', 'progress'],
    ['全局进度咋样了', 'progress'],
    ['帮助', 'help'],
    ['你能干啥', 'help'],
    ['我是谁', 'whoami'],
  ])('%s → %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });
});
