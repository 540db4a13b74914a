import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import { ledgerRows } from '../../src/store/ledger-export.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { type ButtonValue, buttonValues, visible } from '../helpers/card-text.js';
import {
  EVENT_KEYS,
  larkVars,
  postCardAction,
  postEvent,
  startDuban,
  startStandIn,
} from '../helpers/server-harness.js';

const keys = EVENT_KEYS;
const STAFF = 'ou_0000000000000000000000000000staff';
const M1 = '8.4/m1/2023'; // 9月30日 预决算公开专项检查
const M3 = '8.4/m3/2023'; // 6月30日 代理记账机构检查, overdue on 9/25

type Value = ButtonValue;

/**
 * The loop issue 12 found open, closed through /lark/events of a server talking to the Lark
 * stand-in (real SDK, signed and encrypted events), on Monday 2023-09-25 09:00 Beijing time: 监督科's
 * head gets one card with 8.4's overdue 6月30日 check and its 9月30日 check, and answers it as heads do.
 */
describe('the 9/25 reminder, answered as heads write them', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let config: LoadedConfig;
  let head: string;
  let chatId: string;
  let reminder: string;
  let weekly: RecordedMessage;

  beforeAll(async () => {
    config = await loadConfig(CONFIG_DIR);
    const { org } = config;
    const chats = [org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])];
    lark = await startStandIn([...new Set(chats)]);
    const now = new Date('2023-09-25T01:00:00Z');
    duban = await startDuban(larkVars(lark.url), { clock: () => now });
    const section = findSection('监督科', org)!;
    head = section.head.open_id!;
    const report = await duban.sweepNow();
    const sent = report.sent.find((s) => s.message.section === '监督科')!;
    expect(sent.message.occurrenceIds).toEqual([M3, M1]);
    chatId = sent.message.chatId;
    reminder = sent.messageId;
    weekly = lark.standIn.state.message(report.sent.find((s) => s.message.kind === 'weekly')!.messageId)!;
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
  });

  /** A reply in the reminder's thread, @-mentioning the bot unless `bare`; resolves with the bot's answer. */
  const reply = async (
    text: string,
    options: { from?: string; parentId?: string | null; bare?: boolean } = {},
  ): Promise<RecordedMessage> => {
    const from = options.from ?? head;
    // null: a message of its own in the chat, not in the reminder's thread.
    const parentId = options.parentId === null ? undefined : (options.parentId ?? reminder);
    const message = lark.standIn.controls.addUserMessage({
      chatId,
      senderOpenId: from,
      text,
      ...(parentId ? { parentId } : {}),
    });
    const status = await postEvent(duban, keys, {
      messageId: message.messageId,
      chatId,
      senderOpenId: from,
      text: options.bare ? text : `@_user_1 ${text}`,
      mentions: options.bare ? [] : [{ openId: lark.standIn.botOpenId, name: '督办' }],
      ...(parentId ? { parentId, rootId: reminder } : {}),
    });
    expect(status).toBe(200);
    return lark.standIn.state.waitForReply(message.messageId, 10_000);
  };

  const click = async (value: Value, from = head, messageId = reminder) => {
    const { status, body } = await postCardAction(duban, { operatorOpenId: from, value, messageId, chatId });
    expect(status).toBe(200);
    return body;
  };

  const patched = (messageId: string, count: number) =>
    lark.standIn.state.waitForUpdates(messageId, count, 10_000);
  const updates = () => lark.standIn.state.message(reminder)!.updates;
  const confirmations = async (id: string) => (await duban.store.occurrence(id))!.confirmations;
  const reset = async () => {
    for (const id of [M1, M3]) await duban.store.undo(id, '监督科', 'test', '', 'command');
  };

  it('counts one unit everywhere: the weekly digest and 进度 agree, each saying 按节点计 once', async () => {
    const digest = visible(weekly);
    const total = /\*\*全局\*\*：完成 (\d+)\/(\d+)/.exec(digest)!;
    expect(digest.match(/按节点计/g)).toHaveLength(1);
    const progress = visible(await reply('进度', { parentId: null }));
    expect(progress).toContain(`**合计**：${total[1]}/${total[2]} 项已完成`);
    expect(progress.match(/按节点计/g)).toHaveLength(1);
    // The export counts the same units: one row each.
    const rows = ledgerRows(await duban.store.allOccurrences(), { requireVerify: false });
    expect(rows).toHaveLength(Number(total[2]));
    expect(rows.filter((r) => r.status === 'done' || r.status === 'verified')).toHaveLength(Number(total[1]));
  });

  it('the card numbers its lines and, without group_messages, says to reply with @督办', () => {
    const card = visible(lark.standIn.state.message(reminder)!);
    expect(card).toMatch(/^1\. \*\*8\.4 /m);
    expect(card).toMatch(/^2\. \*\*8\.4 /m);
    expect(card).toContain('回复并 @督办「1已完成」');
  });

  it('a bare 已完成 with two candidates asks with a button per item and 全部完成, never internal ids', async () => {
    const ask = await reply('已完成');
    const text = visible(ask);
    expect(text).toMatch(/^请指明完成的是哪一项/);
    expect(text).toContain('[完成第1项]');
    expect(text).toContain('[完成第2项]');
    expect(text).toContain('[全部完成]');
    expect(text).not.toMatch(/\/m\d|\/deadline|2023-/);
    expect(buttonValues(ask).map((v) => v.occurrenceId ?? v.action)).toEqual([M3, M1, 'confirm-all']);

    // The button confirms that item: a plain toast, and the reminder card redrawn by PATCH.
    const before = updates();
    const answer = await click(buttonValues(ask)[1]!, head, ask.messageId);
    expect(answer.toast.type).toBe('success');
    expect(answer.toast.content).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    expect(answer.toast.content).not.toContain('<at');
    expect(visible({ content: answer.card!.data })).toMatch(/\*\*2\.\*\* .* · ✅ 已确认/);
    const card = await patched(reminder, before + 1);
    expect(visible(card)).toContain('✅ 监督科 已确认');
    expect(buttonValues(card).map((v) => v.occurrenceId)).toEqual([M3]);
  });

  it('a reply 撤销 to the reminder takes it back and the card flips back', async () => {
    const before = updates();
    const undone = await reply('撤销');
    expect(visible(undone)).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
    expect(await confirmations(M1)).toEqual([]);
    const card = await patched(reminder, before + 1);
    expect(visible(card)).not.toContain('✅');
    expect(buttonValues(card).map((v) => v.occurrenceId)).toEqual([M3, M1]);
  });

  it('a reply naming the work confirms it, keeps the rest as the note, and the card shows it', async () => {
    const before = updates();
    const ack = await reply('预决算公开检查已完成，9月27日检查完毕');
    expect(visible(ack)).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日.*备注：9月27日检查完毕。/);
    expect(await confirmations(M1)).toEqual([
      expect.objectContaining({ section: '监督科', note: '9月27日检查完毕', source: 'reply' }),
    ]);
    expect(await confirmations(M3)).toEqual([]);
    expect(visible(await patched(reminder, before + 1))).toContain('备注：9月27日检查完毕');

    // 撤销 in reply to that confirmation takes back what it recorded.
    const undone = await reply('撤销', { parentId: ack.messageId });
    expect(visible(undone)).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
    expect(visible(await patched(reminder, before + 2))).not.toContain('备注');
  });

  it('line numbers: 1已完成 and 第2项完成; 1、2已完成 both at once', async () => {
    expect(visible(await reply('1已完成'))).toMatch(/^✅ 已记录 监督科 完成「8\.4 6月30日/);
    expect(visible(await reply('第2项完成'))).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    await reset();
    const both = visible(await reply('1、2已完成'));
    expect(both.split('\n')).toHaveLength(2);
    expect((await duban.store.occurrence(M3))!.status).toBe('done');
    expect((await duban.store.occurrence(M1))!.status).toBe('done');
    await reset();
  });

  it.each(['好的，已完成', '收到，已完成', '搞定了', '已办结', 'done', '已完成，报告已上传'])(
    '%s confirms the one item left, and 撤销 8.4 9月30日 takes it back',
    async (text) => {
      await duban.store.confirm(M3, '监督科', head, '', 'command');
      expect(visible(await reply(text))).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
      expect(await confirmations(M1)).toHaveLength(1);
      const undo = visible(await reply('撤销 8.4 9月30日', { parentId: null }));
      expect(undo).toMatch(/^↩️ 已撤销 监督科 对「8\.4 9月30日/);
      await reset();
    },
  );

  it('a reply without @ to the reminder reaches the bot and confirms', async () => {
    await duban.store.confirm(M3, '监督科', head, '', 'command');
    expect(visible(await reply('已完成', { bare: true }))).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    await reset();
  });

  it('someone who may not confirm is refused at once, naming who can', async () => {
    const refused = visible(await reply('已完成', { from: STAFF }));
    expect(refused).toMatch(
      /^抱歉，只有监督科的<at user_id="[^"]+">曹阳<\/at>或督办管理员可以确认这条提醒里的工作。/,
    );
    expect(await confirmations(M1)).toEqual([]);
  });

  it('an admin confirming for the section is named, and the head is told in the thread', async () => {
    const admin = config.org.admins.find((a) => a.name === '周婷')!.open_id;
    const text = visible(await reply('1已完成 现场核实过', { from: admin }));
    expect(text).toContain('（办公室 周婷 代 监督科 确认）');
    expect(text).toContain('备注：现场核实过。');
    expect(text).toContain(`请 <at user_id="${head}">曹阳</at> 知悉。`);

    // By the reminder's own button: the toast names no one with markup, the thread hears it.
    const answer = await click(
      { action: 'confirm', occurrenceId: M1, view: 'reminder', section: '监督科' },
      admin,
    );
    expect(answer.toast.content).toContain('办公室 周婷 代 监督科');
    expect(answer.toast.content).not.toContain('<at');
    const notice = await lark.standIn.state.waitForReply(reminder, 10_000);
    expect(visible(notice)).toMatch(/^✅ 办公室 周婷 代 监督科 确认完成「8\.4 9月30日/);
    expect(visible(notice)).toContain(`<at user_id="${head}">曹阳</at>`);
    expect(visible({ content: answer.card!.data })).toContain('办公室 周婷 代确认');
  });

  it('asks before confirming work due more than 5 work days ahead, unless named by date', async () => {
    // 6月30日 and 9月30日 are done; "8.4 已完成" now means 11月30日, 66 days away.
    const asked = await reply('8.4 已完成', { parentId: null });
    expect(visible(asked)).toMatch(/^确认提前完成？\n以下节点离截止还有 5 个工作日以上/);
    expect(visible(asked)).toContain('8.4 加强财政监督 · 11月30日');
    expect(buttonValues(asked).map((v) => v.action)).toEqual(['confirm', 'cancel']);
    expect(await confirmations('8.4/m2/2023')).toEqual([]);
    const cancelled = await click(buttonValues(asked)[1]!, head, asked.messageId);
    expect(cancelled.toast.content).toBe('已取消，未作记录');
    expect(await confirmations('8.4/m2/2023')).toEqual([]);
    const yes = await click(buttonValues(asked)[0]!, head, asked.messageId);
    expect(yes.toast.content).toMatch(/^✅ 已记录 监督科 完成「8\.4 11月30日/);
    await duban.store.undo('8.4/m2/2023', '监督科', 'test', '', 'command');

    const named = visible(await reply('8.4 11月30日 已完成', { parentId: null }));
    expect(named).toMatch(/^✅ 已记录 监督科 完成「8\.4 11月30日/);
  });
});
