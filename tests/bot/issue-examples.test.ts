import { beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, botHarness, replyText } from '../helpers/bot-harness.js';

/**
 * The twelve questions issue 11 found failing, each asked through handleMessage in the bureau
 * group on Monday 2023-09-25 10:00 (Shanghai), answered as the issue says they should be.
 */
let bot: BotHarness;
let asker: string;
beforeAll(async () => {
  bot = await botHarness('2023-09-25T10:00:00+08:00');
  asker = bot.headOf('预算科'); // a section head, for "我们科"
});

const ask = async (text: string) => replyText(await bot.ask(text, asker));
const lineOrder = (text: string, ids: string[]) =>
  ids.map((id) => text.split('\n').findIndex((l) => l.startsWith(`· ${id} `) || l.startsWith(`· **${id}**`)));

describe('issue 11: the questions that failed', () => {
  it('债务那块谁管 → 债务科: 5.1, 5.2, and 4.2 with 预算科', async () => {
    const text = await ask('债务那块谁管');
    expect(text).toMatch(/^债务科的任务\n\*\*债务科 韩旭\*\*：牵头 3 项/);
    const [a, b, c] = lineOrder(text, ['5.1', '5.2', '4.2']);
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a! + 1);
    expect(c).toBe(b! + 1);
    expect(text).toContain('· 4.2 全力做好配合和保障（牵头：债务科、预算科）');
  });

  it('8.4什么时候截止 → 12月31日 first, with its 6/30, 9/30, 11/30 milestones', async () => {
    const text = await ask('8.4什么时候截止');
    expect(text).toMatch(/^8\.4 加强财政监督\n\*\*12月31日\*\* 整项截止（还有 97 天）/);
    for (const date of ['6月30日', '9月30日', '11月30日']) expect(text).toContain(date);
  });

  it('预决算公开检查几号截止 → 8.4, 9月30日 first', async () => {
    const text = await ask('预决算公开检查几号截止');
    expect(text).toMatch(
      /^8\.4 加强财政监督\n\*\*9月30日\*\* 9月底前对各预算单位预决算公开进行专项检查（还有 5 天）/,
    );
  });

  it('驻村第一书记归哪个科管 → 9.1 办公室', async () => {
    const text = await ask('驻村第一书记归哪个科管');
    expect(text).toMatch(/^9\.1 巩固帮扶成效\n\*\*牵头科室\*\*：办公室 张敏/);
  });

  it('只增不减那个归谁 → 8.2 国库科', async () => {
    expect(await ask('只增不减那个归谁')).toMatch(
      /^8\.2 完善资金投入稳增长机制\n\*\*牵头科室\*\*：国库科 郑涛/,
    );
  });

  it('政经企多久搞一次 (a typo) → 6.2, 每季度, 金融服务中心', async () => {
    expect(await ask('政经企多久搞一次')).toMatch(
      /^6\.2 持续抓好金融服务\n\*\*每季度\*\* 每季度开展好“政金企”对接活动，下次 9月30日.*\n牵头：金融服务中心 罗斌/,
    );
  });

  it('金融招商今年目标多少 → 6.1: 4家, 存贷款 +13%', async () => {
    expect(await ask('金融招商今年目标多少')).toMatch(
      /^6\.1 持续做好金融招商\n\*\*4家\*\* .*\n\*\*同比增长13％\*\* 力争实现金融机构存贷款余额同比增长13％目标/,
    );
  });

  it('国库科都有啥活 → leads 3.2, 8.2; partner on 2.1, 3.1, …', async () => {
    const text = await ask('国库科都有啥活');
    expect(text).toMatch(/\*\*牵头（2 项）\*\*\n· 3\.2 进一步优化支出结构 — 12-31\n· 8\.2 /);
    expect(text).toMatch(/\*\*配合（\d+ 项）\*\*\n· 2\.1 挖潜量促增收 — 12-31\n· 3\.1 /);
  });

  it('金融中心今年都要干啥 → 2.2, 6.1, 6.2, 9.2, 10.1', async () => {
    const text = await ask('金融中心今年都要干啥');
    expect(text).toMatch(/^金融服务中心的任务\n/);
    expect(text).toContain('**牵头（5 项）**');
    for (const id of ['2.2', '6.1', '6.2', '9.2', '10.1'])
      expect(lineOrder(text, [id])[0]).toBeGreaterThan(0);
  });

  it('监督科进度咋样 → 监督科’s progress', async () => {
    expect(await ask('监督科进度咋样')).toMatch(/^监督科 进度\n已完成 0\/4（0%）.*🔴逾期 1/);
  });

  it('第五部分都有啥 → 5.1, 5.2', async () => {
    const text = await ask('第五部分都有啥');
    expect(text).toMatch(/^第5章 持续抓好债务管理，有效防范化解风险\n共 2 项：/);
    expect(lineOrder(text, ['5.1', '5.2']).every((i) => i > 0)).toBe(true);
  });

  it('我们科还有啥没完成 → the asker’s section’s open work', async () => {
    expect(await ask('我们科还有啥没完成')).toMatch(/^我的任务\n预算科待确认 \d+ 个节点/);
  });
});
