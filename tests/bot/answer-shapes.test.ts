import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/reply.js';
import { type BotHarness, botHarness, buttons, replyText, STAFF } from '../helpers/bot-harness.js';
import { loadQuestionSet } from '../understand/eval/question-set.js';

/** What every answer looks like, over the whole tuning set asked in the bureau group. */
let bot: BotHarness;
const answers: { question: string; intent: string; reply: Reply }[] = [];
beforeAll(async () => {
  bot = await botHarness('2023-09-25T10:00:00+08:00');
  for (const c of loadQuestionSet('tuning')) {
    if (c.intent === 'confirm' || c.intent === 'undo') continue; // they change the ledger
    const from = bot.config.sections.includes(c.asker) ? bot.headOf(c.asker) : STAFF;
    answers.push({ question: c.question, intent: c.intent, reply: await bot.ask(c.question, from) });
  }
});

const HELP_TITLE = '督办 使用说明';

describe('answers to questions', () => {
  it('ping no one: heads are named, never @-mentioned', () => {
    const pinging = answers.filter((a) => JSON.stringify(a.reply).includes('<at'));
    expect(pinging.map((a) => a.question)).toEqual([]);
  });

  it('have no brackets inside brackets', () => {
    const nested = answers.filter((a) => /（[^（）]*（|\([^()]*\(/.test(replyText(a.reply)));
    expect(nested.map((a) => `${a.question}: ${replyText(a.reply)}`)).toEqual([]);
  });

  it('call no milestone "完成时限"', () => {
    const labelled = answers.filter((a) => /完成时限（|\d+月\d+日 完成时限/.test(replyText(a.reply)));
    expect(labelled.map((a) => a.question)).toEqual([]);
  });

  it("show the plan's own words as written: a name blanked with ** in the plan is not bold", async () => {
    const card = JSON.stringify(await bot.ask('7.2', STAFF));
    expect(card).toContain('&#42;&#42;发展集团');
    expect(card).not.toContain('**发展集团');
    // In January the same words are the card's 下一节点.
    const january = await botHarness('2023-01-03T10:00:00+08:00');
    const next = JSON.stringify(await january.ask('7.2', STAFF));
    expect(next).toContain('**下一节点**：3月31日 3月底前完成&#42;&#42;发展集团');
    expect(next).not.toContain('**发展集团');
  });

  it('show the help card in a group only when asked for it', () => {
    const help = answers.filter((a) => replyText(a.reply).startsWith(HELP_TITLE)).map((a) => a.intent);
    expect(new Set(help)).toEqual(new Set(['help']));
  });

  it('never list a recurring milestone period by period', () => {
    for (const { reply } of answers)
      expect(replyText(reply).match(/按月收集梳理/g)?.length ?? 0).toBeLessThanOrEqual(2);
  });
});

describe('a miss', () => {
  it('is one line in a group, and the help card in a private chat', async () => {
    const group = await bot.ask('今天中午吃什么好呢', STAFF);
    expect(group.kind).toBe('text');
    expect(replyText(group).split('\n')).toHaveLength(1);
    const p2p = await bot.ask('今天中午吃什么好呢', STAFF, { chatType: 'p2p', mentionsBot: false });
    expect(replyText(p2p)).toMatch(new RegExp(`^${HELP_TITLE}\\n没听懂「今天中午吃什么好呢」`));
  });

  it('that matched a little is one line with at most three buttons', async () => {
    const reply = await bot.ask('粗体注入 谁牵头', STAFF);
    const text = replyText(reply).split('\n');
    expect(text[1]).toBe('「粗体注入 谁牵头」没有确切对应的任务，是不是想问：');
    expect(text.slice(2).every((line) => /^\[\d+\.\d+ /.test(line))).toBe(true);
    expect(buttons(reply).length).toBeGreaterThan(0);
    expect(buttons(reply).length).toBeLessThanOrEqual(3);
  });
});

describe('close alternatives', () => {
  it('answer the best and offer the next two; a click answers the same question about that item', async () => {
    const reply = await bot.ask('投资评审 谁负责', STAFF);
    expect(replyText(reply)).toMatch(/^8\.1 /);
    const offered = buttons(reply);
    expect(offered).toEqual([
      { action: 'item', itemId: '5.2', intent: 'who-leads', topic: '投资评审' },
      { action: 'item', itemId: '8.4', intent: 'who-leads', topic: '投资评审' },
    ]);
    const clicked = await bot.click(offered[1]!, STAFF);
    expect(clicked.toast).toEqual({ type: 'info', content: '8.4 加强财政监督' });
    expect(replyText({ kind: 'card', card: clicked.card! })).toMatch(
      /^8\.4 加强财政监督\n\*\*牵头科室\*\*：监督科 曹阳/,
    );
  });

  it('a "when" button answers with the date the words name', async () => {
    const clicked = await bot.click(
      { action: 'item', itemId: '8.4', intent: 'when-due', topic: '代理记账' },
      STAFF,
    );
    expect(replyText({ kind: 'card', card: clicked.card! })).toMatch(/^8\.4 加强财政监督\n\*\*6月30日\*\* /);
    expect((await bot.click({ action: 'item', itemId: '99.9' }, STAFF)).toast.type).toBe('error');
  });
});

describe('a question under a reminder', () => {
  it('asks, and does not confirm', async () => {
    const h = await botHarness('2023-09-25T10:00:00+08:00');
    await h.store.rememberMessage('om_reminder_q', ['8.4/m1/2023'], 86_400_000);
    const admin = h.config.org.admins[0]!.open_id;
    for (const text of ['完成了吗？', '完成了没有', 'done?'])
      await h.ask(text, admin, { parentId: 'om_reminder_q' });
    expect((await h.store.occurrence('8.4/m1/2023'))!.confirmations).toEqual([]);
    expect(replyText(await h.ask('已完成', admin, { parentId: 'om_reminder_q' }))).toMatch(
      /^✅ 已记录 监督科/,
    );
  });
});
