import { beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, botHarness, replyText, STAFF } from '../helpers/bot-harness.js';

/** Asking the bot about the plan: who leads, item detail, by section — several phrasings each. */
describe('who leads, asked many ways', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await botHarness('2023-09-25T02:00:00Z'); // Monday 10:00 in Shanghai
  });

  it.each([
    ['政金企 谁牵头', '6.2'],
    ['@督办 政金企，谁牵头？', '6.2'],
    ['政金企谁牵头', '6.2'],
    ['who leads 政金企', '6.2'],
    ['WHO LEADS 政金企', '6.2'],
    ['谁负责预决算公开检查', '8.4'],
    ['代理记账机构检查是哪个科室负责', '8.4'],
    ['隐性债务 谁负责', '5.1'],
    ['电子卖场是哪个科室牵头', '8.3'],
    ['驻村第一书记由谁负责', '9.1'],
    ['三公经费 谁牵头', '3.1'],
    ['政金企', '6.2'],
  ])('%s → item %s', async (question, id) => {
    const text = replyText(await bot.ask(question, STAFF));
    expect(text.split('\n')[0]).toMatch(new RegExp(`^${id.replace('.', '\\.')} `));
  });

  it('names lead and partner sections with their heads @-mentioned, the deadline and the next milestone', async () => {
    const text = replyText(await bot.ask('谁负责预决算公开检查', STAFF));
    expect(text).toContain(`**牵头科室**：监督科 <at id=${bot.headOf('监督科')}></at>`);
    expect(text).toContain(`绩效科 <at id=${bot.headOf('绩效科')}></at>`);
    expect(text).toContain('**完成时限**：2023-12-31（还有 97 天）');
    expect(text).toContain('**下一节点**：9月30日 9月底前对各预算单位预决算公开进行专项检查（还有 5 天）');
    expect(text).toContain('监督科 ⏳ 未确认');
  });

  it('lists the oldest overdue milestones and counts the rest', async () => {
    const text = replyText(await bot.ask('政金企 谁牵头', STAFF));
    expect(text).toMatch(
      /\*\*🔴 逾期节点\*\*：1月31日 按月收集梳理中小微企业融资需求（逾期 237 天（166 个工作日））；2月28日 .*；…等 10 个，发「逾期」查看全部/,
    );
    expect(text.match(/按月收集梳理/g)!.length).toBeLessThanOrEqual(4);
  });

  it('keeps 各科室 as one word instead of mentioning every head', async () => {
    const text = replyText(await bot.ask('驻村第一书记 谁负责', STAFF));
    expect(text).toContain('**责任科室**：各科室');
    expect(text.match(/<at id=/g)).toHaveLength(1);
  });

  it('offers the top matches when several items fit, and says so when nothing does', async () => {
    const several = replyText(await bot.ask('债务 谁牵头', STAFF));
    expect(several).toMatch(/对应多项任务/);
    expect(several.match(/· \*\*\d+\.\d+\*\*/g)).toHaveLength(3);
    const none = replyText(await bot.ask('火星探测 谁牵头', STAFF));
    expect(none).toMatch(/没有找到与「火星探测」相关的任务。可以换个说法/);
    const near = replyText(await bot.ask('预算公开 谁负责', STAFF));
    expect(near).toBe('没有找到与「预算公开」相关的任务。是不是想问：8.4 加强财政监督？发编号查看。');
  });
});

describe('item detail and sections', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await botHarness('2023-09-25T02:00:00Z');
  });

  it.each(['8.4', '任务 八（四）', '第八章第四项', '八.4', '8-4'])('%s shows item 8.4', async (ref) => {
    expect(replyText(await bot.ask(ref, STAFF)).split('\n')[0]).toBe('8.4 加强财政监督');
  });

  it('says when an item number does not exist', async () => {
    expect(replyText(await bot.ask('11.1', STAFF))).toMatch(/没有编号为 11\.1 的任务/);
  });

  it('lists a section’s tasks as lead and as partner', async () => {
    const all = replyText(await bot.ask('预算科的任务', STAFF));
    expect(all).toMatch(/\*\*牵头（5 项）\*\*/);
    expect(all).toMatch(/\*\*配合（\d+ 项）\*\*/);
    expect(all).toContain('· 2.1 挖潜量促增收');
    const leads = replyText(await bot.ask('预算科牵头的', STAFF));
    expect(leads).not.toMatch(/配合（/);
    expect(leads).toContain('· 4.2 全力做好配合和保障（牵头：债务科、预算科）');
    const partners = replyText(await bot.ask('预算科配合的', STAFF));
    expect(partners).toContain('· 2.2 培植税源增收');
    expect(partners).not.toContain('· 2.1 ');
  });

  it('resolves an alias to its section', async () => {
    expect(replyText(await bot.ask('金融中心牵头的', STAFF))).toContain('金融服务中心的任务');
  });
});

describe('help, whoami and the unknown', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await botHarness('2023-09-25T02:00:00Z');
  });

  it('help lists every command with an example', async () => {
    const text = replyText(await bot.ask('帮助', STAFF));
    for (const example of [
      '政金企 谁牵头',
      '8.4',
      '预算科的任务',
      '我的任务',
      '本周到期',
      '逾期',
      '进度',
      '完成 8.4',
      '撤销 8.4',
      '我是谁',
    ]) {
      expect(text).toContain(example);
    }
    expect(replyText(await bot.ask('help', STAFF))).toBe(text);
  });

  it('whoami tells the open_id and sections', async () => {
    const head = bot.headOf('预算科');
    const text = replyText(await bot.ask('我是谁', head));
    expect(text).toContain(`**open_id**：${head}`);
    expect(text).toContain('**科室**：预算科');
    expect(replyText(await bot.ask('whoami', STAFF))).toContain('未登记');
  });

  it('answers anything else with a hint, never silence', async () => {
    const text = replyText(await bot.ask('今天天气怎么样', STAFF));
    expect(text).toMatch(/没听懂「今天天气怎么样」/);
    expect(text).toContain('政金企 谁牵头');
    expect(replyText(await bot.ask('', STAFF))).toMatch(/你好！我是督办/);
  });

  it('ignores messages from other bots', async () => {
    await expect(bot.ask('帮助', STAFF, { sender: { openId: 'ou_bot', type: 'bot' } })).rejects.toThrow(
      /silent/,
    );
  });

  it('lets only admins reload config', async () => {
    expect(replyText(await bot.ask('重载配置', STAFF))).toBe('只有督办管理员可以重载配置。');
    const admin = bot.config.org.admins[0]!.open_id;
    expect(replyText(await bot.ask('重载配置', admin))).toMatch(/不支持在聊天中重载配置/);
  });
});
