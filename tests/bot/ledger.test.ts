import { beforeEach, describe, expect, it } from 'vitest';
import { CARD_BYTE_LIMIT, cardBytes } from '../../src/bot/cards/card.js';
import { type BotHarness, botHarness, buttons, replyText, STAFF } from '../helpers/bot-harness.js';

/** What is due, what is late, progress, and confirming — the ledger side of the conversation. */
let bot: BotHarness;
let supervisionHead: string;
beforeEach(async () => {
  bot = await botHarness('2023-09-25T02:00:00Z'); // Monday 2023-09-25, 10:00 Shanghai
  supervisionHead = bot.headOf('监督科');
});

describe('due and overdue', () => {
  it('本周到期 lists this week’s milestones under the section that owes them', async () => {
    const text = replyText(await bot.ask('本周到期', STAFF));
    expect(text).toMatch(/^本周到期\n9月25日—10月1日/);
    // Issue 11: heads are named, not pinged; an answer's lines have no brackets in brackets.
    expect(text).toContain('**监督科 曹阳**');
    expect(text).not.toContain('<at');
    expect(text).toMatch(/8\.4 9月30日 9月底前对各预算单位预决算公开进行专项检查 · 还有 5 天/);
    expect(text).toMatch(/6\.2 9月30日 每季度开展好“政金企”对接活动/);
    expect(text).not.toContain('12月31日');
  });

  it.each([
    ['本月到期', '9月25日—9月30日'],
    ['下周', '10月2日—10月8日'],
    ['近30天', '9月25日—10月25日'],
    ['近30天到期的任务', '9月25日—10月25日'],
    ['下个月到期', '10月1日—10月31日'],
  ])('%s covers %s', async (question, span) => {
    expect(replyText(await bot.ask(question, STAFF))).toContain(span);
  });

  it('逾期 lists what is past due and not confirmed, by section', async () => {
    bot.setNow('2023-10-10T02:00:00Z');
    const text = replyText(await bot.ask('逾期', STAFF));
    expect(text).toMatch(/截至 2023-10-10，逾期 \d+ 个节点/);
    expect(text).toMatch(/8\.4 9月30日 9月底前对各预算单位预决算公开进行专项检查 · 逾期 10 天，\d 个工作日/);
    // The monthly 6.2 milestone is one line, not nine.
    expect(text).toMatch(/🔴 6\.2 按月收集梳理中小微企业融资需求 · 每月 · 逾期 9 次/);
    expect(text.match(/按月收集梳理/g)).toHaveLength(1);
    expect(replyText(await bot.ask('超期', STAFF))).toBe(text);
  });
});

describe('confirming', () => {
  it('the lead section’s head confirms the next milestone with a note, once', async () => {
    const first = replyText(await bot.ask('完成 8.4 专项检查报告已报送', supervisionHead));
    expect(first).toMatch(/^✅ 已记录 监督科 完成「8\.4 6月30日/);
    const occurrence = await bot.store.occurrence('8.4/m3/2023');
    expect(occurrence!.confirmations).toEqual([
      expect.objectContaining({
        section: '监督科',
        by: supervisionHead,
        note: '专项检查报告已报送',
        source: 'command',
      }),
    ]);
    const second = replyText(await bot.ask('8.4 已完成', supervisionHead));
    expect(second).toMatch(/已记录 监督科 完成「8\.4 9月30日/);
    const explicit = replyText(await bot.ask('完成 8.4/m1/2023', supervisionHead));
    expect(explicit).toMatch(/之前已确认完成，无需重复确认/);
  });

  it('refuses anyone else, naming who can', async () => {
    const text = replyText(await bot.ask('完成 8.4', STAFF));
    expect(text).toMatch(/^抱歉，只有监督科的<at user_id="ou_[0-9a-f]+">[^<]+<\/at>.*或督办管理员可以确认/);
    expect((await bot.store.occurrencesOfItem('8.4')).every((o) => o.confirmations.length === 0)).toBe(true);
    const partner = replyText(await bot.ask('完成 8.4', bot.headOf('绩效科')));
    expect(partner).toMatch(/^抱歉/);
  });

  it('an item with two lead sections is done only when both confirm', async () => {
    // Named by its date, so the 12月31日 deadline is taken at its word however far off.
    await bot.ask('完成 2.2 12月31日', bot.headOf('经建科'));
    let o = await bot.store.occurrence('2.2/deadline/2023');
    expect(o!.status).toBe('open');
    const text = replyText(await bot.ask('2.2 12月31日 已完成', bot.headOf('金融服务中心')));
    expect(text).toContain('该节点已全部完成');
    o = await bot.store.occurrence('2.2/deadline/2023');
    expect(o!.status).toBe('done');
  });

  it('an admin confirms on behalf of every lead section still owing', async () => {
    const admin = bot.config.org.admins[1]!.open_id;
    const text = replyText(await bot.ask('完成 2.2 12月31日', admin));
    expect(text).toMatch(/已记录 经建科、金融服务中心 完成/);
  });

  it('撤销 8.4 9月30日 takes back that confirmation; 撤销 8.4 with two asks which', async () => {
    await bot.ask('完成 8.4', supervisionHead);
    await bot.ask('完成 8.4', supervisionHead);
    const which = await bot.ask('撤销 8.4', supervisionHead);
    expect(replyText(which)).toMatch(/^撤销哪一项的完成确认？/);
    expect(buttons(which).map((b) => b.occurrenceId ?? b.action)).toEqual([
      '8.4/m3/2023',
      '8.4/m1/2023',
      'cancel',
    ]);
    const text = replyText(await bot.ask('撤销 8.4 9月30日', supervisionHead));
    expect(text).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
    expect((await bot.store.occurrence('8.4/m1/2023'))!.confirmations).toEqual([]);
    expect((await bot.store.occurrence('8.4/m3/2023'))!.confirmations).toHaveLength(1);
    // One left: 撤销 8.4 takes it back without asking.
    expect(replyText(await bot.ask('撤销 8.4', supervisionHead))).toMatch(
      /^↩️ 已撤销 监督科 对「8\.4 6月30日/,
    );
    expect(replyText(await bot.ask('撤销 8.4', STAFF))).toMatch(/^抱歉.*可以撤销/);
  });

  it('我的任务 shows what the sender’s section still owes, and drops confirmed work', async () => {
    const before = replyText(await bot.ask('我的任务', supervisionHead));
    expect(before).toMatch(/监督科待确认 4 个节点/);
    await bot.ask('完成 8.4', supervisionHead);
    expect(replyText(await bot.ask('我的任务', supervisionHead))).toMatch(/监督科待确认 3 个节点/);
    expect(replyText(await bot.ask('我的任务', STAFF))).toMatch(/你还不是任何科室的负责人/);
  });

  it('the card button confirms, redraws the card and answers with a toast', async () => {
    const card = await bot.ask('8.4', supervisionHead);
    const [value] = buttons(card);
    expect(value).toEqual({ action: 'confirm', occurrenceId: '8.4/m1/2023', view: 'item' });
    const refused = await bot.click(value!, STAFF);
    expect(refused.toast.type).toBe('warning');
    expect(refused.card).toBeUndefined();
    const result = await bot.click(value!, supervisionHead);
    expect(result.toast).toMatchObject({ type: 'success' });
    expect(replyText({ kind: 'card', card: result.card! })).toContain(
      '✅ 监督科 已确认「9月30日 9月底前对各预算单位预决算公开进行专项检查」（9月25日）',
    );
    expect((await bot.store.occurrence('8.4/m1/2023'))!.confirmations[0]!.source).toBe('button');
    expect((await bot.click(value!, supervisionHead)).toast.type).toBe('info');
  });

  it('a reply 已完成 to a remembered reminder confirms what it was about', async () => {
    await bot.store.rememberMessage('om_reminder', ['8.4/m1/2023'], 86_400_000);
    const text = replyText(await bot.ask('已完成，报告已上传', supervisionHead, { parentId: 'om_reminder' }));
    expect(text).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    expect((await bot.store.occurrence('8.4/m1/2023'))!.confirmations[0]).toMatchObject({
      note: '报告已上传',
      source: 'reply',
    });
  });

  it('a reply to a digest of several asks which, unless it says 全部完成', async () => {
    const head = bot.headOf('金融服务中心');
    await bot.store.rememberMessage('om_digest', ['6.2/m1/2023-Q3', '6.2/m2/2023-09'], 86_400_000);
    const asked = await bot.ask('done', head, { parentId: 'om_digest' });
    const ask = replyText(asked);
    expect(ask).toMatch(/还有 2 个节点待确认/);
    expect(ask).not.toContain('2023-Q3');
    expect(buttons(asked).map((b) => b.action)).toEqual(['confirm', 'confirm', 'confirm-all']);
    const all = replyText(await bot.ask('全部完成', head, { rootId: 'om_digest' }));
    expect(all.split('\n')).toHaveLength(2);
    expect((await bot.store.occurrence('6.2/m2/2023-09'))!.status).toBe('done');
  });
});

describe('progress and long lists', () => {
  it('进度 counts by chapter; 进度 预算科 and 进度 第三章 narrow it', async () => {
    await bot.ask('完成 3.1', bot.headOf('预算科'));
    const overall = replyText(await bot.ask('进度', STAFF));
    expect(overall).toMatch(/\*\*合计\*\*：1\/\d+ 项已完成/);
    expect(overall.match(/按节点计/g)).toHaveLength(1);
    expect(overall).toContain('3. 加强预算管理，做好民生保障：1/4');
    expect(replyText(await bot.ask('进度 预算科', STAFF))).toMatch(/^预算科 进度\n已完成 1\//);
    expect(replyText(await bot.ask('进度 第三章', STAFF))).toMatch(
      /^第3章 加强预算管理，做好民生保障\n已完成 1\/4/,
    );
    expect(replyText(await bot.ask('第三章进度', STAFF))).toMatch(/^第3章/);
  });

  it('pages a long list inside the card size limit', async () => {
    const reply = await bot.ask('近365天', STAFF);
    const text = replyText(reply);
    expect(text).toMatch(/第 1\/\d+ 页/);
    const [next] = buttons(reply);
    expect(next).toEqual({ action: 'page', query: '近365天', page: 2 });
    expect(cardBytes((reply as { card: Parameters<typeof cardBytes>[0] }).card)).toBeLessThan(
      CARD_BYTE_LIMIT,
    );
    const page2 = await bot.click(next!, STAFF);
    expect(replyText({ kind: 'card', card: page2.card! })).toMatch(/第 2\/\d+ 页/);
  });
});

describe('group messages that do not @ the bot', () => {
  it('stay unanswered, so an app that reads every group message does not chatter', async () => {
    await expect(bot.ask('政金企 谁牵头', STAFF, { mentionsBot: false })).rejects.toThrow(/silent/);
    await expect(
      bot.ask('已完成', supervisionHead, { mentionsBot: false, parentId: 'om_someone_else' }),
    ).rejects.toThrow(/silent/);
  });

  it('except a reply 已完成 to the bot’s own reminder, which confirms it', async () => {
    await bot.store.rememberMessage('om_reminder_bare', ['8.4/m1/2023'], 86_400_000);
    const text = replyText(
      await bot.ask('已完成', supervisionHead, { mentionsBot: false, parentId: 'om_reminder_bare' }),
    );
    expect(text).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    await expect(
      bot.ask('收到', supervisionHead, { mentionsBot: false, parentId: 'om_reminder_bare' }),
    ).rejects.toThrow(/silent/);
  });

  it('in a private chat everything is for the bot', async () => {
    expect(
      replyText(await bot.ask('8.4', STAFF, { chatType: 'p2p', mentionsBot: false })).split('\n')[0],
    ).toBe('8.4 加强财政监督');
  });
});
