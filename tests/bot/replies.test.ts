import { beforeEach, describe, expect, it } from 'vitest';
import { reminderCard } from '../../src/bot/cards/reminder-card.js';
import { encodeLiveView, liveViewKey } from '../../src/bot/live-view.js';
import { readReply } from '../../src/bot/reply-reading.js';
import { findSection } from '../../src/config/sections.js';
import { type BotHarness, botHarness, buttons, replyText, STAFF } from '../helpers/bot-harness.js';

/** Replies to the bot's cards as heads write them (issue 12), through the bot alone. */
const M1 = '8.4/m1/2023'; // 9月30日
const M2 = '8.4/m2/2023'; // 11月30日
const M3 = '8.4/m3/2023'; // 6月30日, overdue on 9/25
const DAY = 86_400_000;

let bot: BotHarness;
let head: string;
beforeEach(async () => {
  bot = await botHarness('2023-09-25T01:00:00Z'); // Monday 09:00 Beijing
  head = bot.headOf('监督科');
  // 监督科's 9/25 reminder: the overdue 6月30日 check, then the 9月30日 one.
  await bot.store.rememberMessage('om_reminder', [M3, M1], DAY);
  await bot.store.rememberMessage(
    liveViewKey('om_reminder'),
    encodeLiveView({ view: 'reminder', section: '监督科', occurrenceIds: [M3, M1] }),
    DAY,
  );
});
const onReminder = { parentId: 'om_reminder', rootId: 'om_reminder' };
const notes = async (id: string) => (await bot.store.occurrence(id))!.confirmations.map((c) => c.note);

describe('reading a reply', () => {
  const read = (text: string) => readReply(text, ['督办']);
  it.each([
    ['已完成', { verb: 'confirm', all: false, lines: [], words: '', note: '' }],
    ['好的，已完成', { words: '', note: '' }],
    ['收到，已完成。', { words: '', note: '' }],
    ['搞定了', { words: '', note: '' }],
    ['已办结', { words: '', note: '' }],
    ['Done, report uploaded', { words: '', note: 'report uploaded' }],
    ['@督办 已完成 报告已报送', { words: '', note: '报告已报送' }],
    ['预决算公开检查已完成，9月27日检查完毕', { words: '预决算公开检查', note: '9月27日检查完毕' }],
    ['1已完成', { lines: [1] }],
    ['第2项完成', { lines: [2] }],
    ['1、2已完成', { lines: [1, 2] }],
    ['第一、二项都完成了', { lines: [1, 2] }],
    ['全部完成', { all: true }],
    ['都完成了，谢谢', { all: true, note: '谢谢' }],
    ['8.4 9月30日 已完成', { itemRef: '8.4', due: { month: 9, day: 30, text: '9月30日' } }],
    ['撤销', { verb: 'undo', lines: [] }],
    ['撤销 2', { verb: 'undo', lines: [2] }],
  ])('%s', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it.each(['完成了吗？', '还没完成', '预计月底完成', '完成情况怎么样', '收到', '什么时候完成'])(
    '%s is no confirmation',
    (text) => {
      expect(read(text)).toBeUndefined();
    },
  );
});

describe('a reply to a reminder', () => {
  it('confirms the one candidate left, with the note', async () => {
    await bot.ask('完成 8.4 6月30日', head);
    const text = replyText(await bot.ask('收到，已完成，报告已上传', head, onReminder));
    expect(text).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日.*」。备注：报告已上传。/);
    expect(await notes(M1)).toEqual(['报告已上传']);
  });

  it('with two candidates and no name asks with one button per item and 全部完成, which confirm', async () => {
    const asked = await bot.ask('好的，已完成', head, onReminder);
    expect(replyText(asked)).toMatch(/^请指明完成的是哪一项/);
    expect(replyText(asked)).not.toMatch(/\/m\d/);
    expect(asked.kind === 'card' && asked.live).toEqual({
      view: 'which',
      section: '监督科',
      note: '',
      occurrenceIds: [M3, M1],
    });
    const [first, , all] = buttons(asked);
    const one = await bot.click(first!, head);
    expect(one.toast).toMatchObject({ type: 'success' });
    expect(replyText({ kind: 'card', card: one.card! })).toMatch(/\*\*1\.\*\* .*✅ 已确认/);
    // The card now offers only the one left; 全部完成 confirms what is still owed.
    expect(buttons({ kind: 'card', card: one.card! }).map((b) => b.occurrenceId)).toEqual([M1]);
    const rest = await bot.click(all!, head);
    expect(rest.toast.content).toBe('✅ 已记录 1 个节点完成');
    expect((await bot.store.occurrence(M1))!.status).toBe('done');
    expect(replyText({ kind: 'card', card: rest.card! })).toMatch(/^已确认完成/);
  });

  it('naming the work picks it out of two occurrences of the same item', async () => {
    expect(replyText(await bot.ask('代理记账检查搞定了', head, onReminder))).toMatch(/完成「8\.4 6月30日/);
    expect(replyText(await bot.ask('预决算公开检查已完成', head, onReminder))).toMatch(/完成「8\.4 9月30日/);
  });

  it('naming work that is not on the card says so instead of confirming what is', async () => {
    const text = replyText(await bot.ask('政金企对接已完成', head, onReminder));
    expect(text).toMatch(/^这条消息里没有 6\.2 的工作节点/);
    expect(await notes(M1)).toEqual([]);
  });

  it('a line past the card says how many there are', async () => {
    expect(replyText(await bot.ask('3已完成', head, onReminder))).toMatch(/只列了 2 项/);
  });

  it('someone who may not confirm is refused at once, naming who can, without being asked which', async () => {
    const text = replyText(await bot.ask('已完成', STAFF, onReminder));
    expect(text).toMatch(
      /^抱歉，只有监督科的<at user_id="[^"]+">曹阳<\/at>或督办管理员可以确认这条提醒里的工作/,
    );
  });

  it('an admin answering a section’s card confirms for that section only', async () => {
    await bot.store.rememberMessage('om_22', ['2.2/deadline/2023'], DAY);
    await bot.store.rememberMessage(
      liveViewKey('om_22'),
      encodeLiveView({ view: 'reminder', section: '经建科', occurrenceIds: ['2.2/deadline/2023'] }),
      DAY,
    );
    const admin = bot.config.org.admins.find((a) => a.name === '周婷')!.open_id;
    const text = replyText(await bot.ask('1已完成', admin, { parentId: 'om_22', rootId: 'om_22' }));
    expect(text).toMatch(/^✅ 已记录 经建科 完成.*（办公室 周婷 代 经建科 确认）/);
    expect(text).toContain('还需 金融服务中心 确认');
    expect(text).toContain(`请 <at user_id="${bot.headOf('经建科')}">冯军</at> 知悉`);
  });
});

describe('early confirmation', () => {
  it('8.4 已完成 means the next due occurrence, and asks when that is weeks away', async () => {
    expect(replyText(await bot.ask('8.4 已完成', head))).toMatch(/完成「8\.4 6月30日/);
    expect(replyText(await bot.ask('8.4 已完成', head))).toMatch(/完成「8\.4 9月30日/);
    const asked = await bot.ask('8.4 已完成 报告已报送', head);
    expect(replyText(asked)).toMatch(/^确认提前完成？/);
    expect(replyText(asked)).toContain('11月30日');
    expect(await notes(M2)).toEqual([]);
    const [yes] = buttons(asked);
    expect(yes).toMatchObject({ action: 'confirm', occurrenceId: M2, note: '报告已报送' });
    expect((await bot.click(yes!, head)).toast.type).toBe('success');
    expect(await notes(M2)).toEqual(['报告已报送']);
  });

  it('is not asked when the text names the occurrence by date, line or id', async () => {
    expect(replyText(await bot.ask('完成 8.4 11月30日', head))).toMatch(
      /^✅ 已记录 监督科 完成「8\.4 11月30日/,
    );
    expect(replyText(await bot.ask('完成 8.4/deadline/2023', head))).toMatch(/^✅ .*8\.4 12月31日/);
    await bot.store.rememberMessage('om_far', ['9.1/deadline/2023'], DAY);
    const office = bot.headOf('办公室');
    expect(replyText(await bot.ask('1已完成', office, { parentId: 'om_far' }))).toMatch(/^✅/);
  });

  it('a bare 已完成 to a reminder of far-off work asks too', async () => {
    await bot.store.rememberMessage('om_far', ['9.1/deadline/2023'], DAY);
    expect(replyText(await bot.ask('已完成', bot.headOf('办公室'), { parentId: 'om_far' }))).toMatch(
      /^确认提前完成？/,
    );
  });

  it('全部完成 confirms what is due and asks about the rest on the same card', async () => {
    await bot.store.rememberMessage('om_mixed', [M1, M2], DAY);
    const reply = await bot.ask('全部完成', head, { parentId: 'om_mixed' });
    const text = replyText(reply);
    expect(text).toMatch(/^确认提前完成？\n✅ 已记录 监督科 完成「8\.4 9月30日/);
    expect(buttons(reply).map((b) => b.occurrenceId ?? b.action)).toEqual([M2, 'cancel']);
  });
});

describe('who acted', () => {
  it('a deputy is named and the head told; the toast of a refused click has no markup', async () => {
    const deputy = findSection('国资科', bot.config.org)!.deputies[0]!.open_id!;
    const text = replyText(await bot.ask('完成 7.2 方案已报批', deputy));
    expect(text).toMatch(
      /^✅ 已记录 国资科 完成「7\.2 3月31日.*」（国资科 宋雅琴 确认）。备注：方案已报批。/,
    );
    expect(text).toContain(`请 <at user_id="${bot.headOf('国资科')}">梁晨</at> 知悉。`);
    const refused = await bot.click(
      { action: 'confirm', occurrenceId: M1, view: 'reminder', section: '监督科' },
      STAFF,
    );
    expect(refused.toast.content).toMatch(/^抱歉，只有监督科的曹阳或督办管理员可以确认/);
  });

  it('a button click by someone acting for the section leaves a notice for the head', async () => {
    const admin = bot.config.org.admins[0]!.open_id; // 张敏, 办公室 head
    const result = await bot.click(
      { action: 'confirm', occurrenceId: M1, view: 'reminder', section: '监督科' },
      admin,
    );
    expect(result.toast.content).toContain('（办公室 张敏 代 监督科 确认）');
    expect(result.notices).toEqual([expect.stringContaining(`<at user_id="${head}">曹阳</at>`)]);
    expect(replyText({ kind: 'card', card: result.card! })).toContain('办公室 张敏 代确认');
  });

  it('a note is echoed inert', async () => {
    const text = replyText(await bot.ask('完成 8.4 <at user_id="all"></at>[点此](https://x.cn)', head));
    expect(text).toContain('备注：＜at user_id="all"＞＜/at＞［点此］(https://x.cn)');
  });
});

describe('undo, aimed', () => {
  it('a bare 撤销 takes back the one recent confirmation, or asks which among several', async () => {
    expect(replyText(await bot.ask('撤销', head))).toMatch(/^最近 7 天没有/);
    await bot.ask('完成 8.4 6月30日', head);
    await bot.ask('完成 8.4 9月30日', head);
    const asked = await bot.ask('撤销', head);
    expect(replyText(asked)).toMatch(/^撤销哪一项的完成确认？/);
    const [first] = buttons(asked);
    const undone = await bot.click(first!, head);
    expect(undone.toast.content).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
    expect(replyText({ kind: 'card', card: undone.card! })).toContain('↩️ 已撤销');
    expect(replyText(await bot.ask('撤销', head))).toMatch(/^↩️ 已撤销 监督科 对「8\.4 6月30日/);
  });

  it('a reply 撤销 with several confirmed on the card asks with buttons', async () => {
    await bot.ask('全部完成', head, onReminder);
    const asked = await bot.ask('撤销', head, onReminder);
    expect(buttons(asked).map((b) => b.action)).toEqual(['undo', 'undo', 'cancel']);
    expect(replyText(await bot.ask('撤销 2', head, onReminder))).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
  });
});

describe('honest instructions (reminders.yaml group_messages)', () => {
  const draw = async (groupMessages: boolean, ids: string[]) =>
    JSON.stringify(
      reminderCard({
        section: '监督科',
        occurrences: (await Promise.all(ids.map((id) => bot.store.occurrence(id)))).map((o) => o!),
        today: '2023-09-25',
        timeZone: 'Asia/Shanghai',
        org: bot.config.org,
        escalateAfterWorkdays: 5,
        groupMessages,
      }),
    );

  it('is off by default: the card says to reply with @督办', async () => {
    expect(bot.config.reminders.group_messages).toBe(false);
    expect(await draw(false, [M1])).toContain('或回复并 @督办「已完成」');
  });

  it('with the permission the card says a plain reply will do', async () => {
    const single = await draw(true, [M1]);
    expect(single).toContain('或回复「已完成」');
    expect(single).not.toContain('@督办');
    expect(await draw(true, [M3, M1])).toContain('回复「1已完成」');
  });
});

describe('commands that name an occurrence by its date', () => {
  it('8.4 9月30日 已完成, 撤销 8.4 9月30日 and a bare 撤销 are read', async () => {
    const { parseQuestion } = await import('../../src/understand/parse-question.js');
    const { knowledgeOf } = await import('../../src/understand/knowledge.js');
    const knowledge = knowledgeOf(bot.config);
    const parse = (text: string) =>
      parseQuestion(text, {
        lexicon: knowledge.lexicon,
        itemExists: (id) => knowledge.index.byId.has(id),
        today: '2023-09-25',
      });
    expect(parse('8.4 9月30日 已完成')).toMatchObject({
      intent: 'confirm',
      itemRef: '8.4',
      due: { month: 9, day: 30 },
    });
    expect(parse('完成 8.4 9月底 报告已报送')).toMatchObject({ due: { month: 9 }, note: '报告已报送' });
    expect(parse('撤销 8.4 9月30日')).toMatchObject({
      intent: 'undo',
      itemRef: '8.4',
      due: { month: 9, day: 30 },
    });
    expect(parse('撤销')).toMatchObject({ intent: 'undo' });
    expect(parse('撤销').itemRef).toBeUndefined();
  });

  it('a date that names none of the item’s occurrences stays in the note', async () => {
    expect(replyText(await bot.ask('完成 8.4 9月27日已检查', head))).toMatch(
      /完成「8\.4 6月30日.*备注：9月27日 已检查。/,
    );
  });
});
