import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import type { LedgerRow } from '../../src/store/ledger-export.js';
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
const ADMIN_TOKEN = 'verification-loop-admin-token';
const M1 = '8.4/m1/2023'; // 9月30日 预决算公开专项检查
const M3 = '8.4/m3/2023'; // 6月30日 代理记账机构检查, overdue on 9/25

type Value = ButtonValue;

/**
 * 销号 end to end with `require_verify: true`, through /lark/events of a server talking to the Lark
 * stand-in, on Monday 2023-09-25 09:00 Beijing time: 监督科's head confirms, the admins are asked in
 * their own chats, one verifies by button, another sends work back by text with a reason that
 * reaches the head; 进度 and the export count work as done only once verified.
 */
describe('销号 and 退回 with require_verify: true', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let config: LoadedConfig;
  let dir: string;
  let head: string;
  let chatId: string;
  let reminder: string;
  const admin = (i: number) => config.org.admins[i]!;
  const p2p = (openId: string) => `oc_p2p_${openId.replace(/^ou_/, '')}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-verify-'));
    await cp(CONFIG_DIR, dir, { recursive: true });
    const reminders = await readFile(join(dir, 'reminders.yaml'), 'utf8');
    await writeFile(
      join(dir, 'reminders.yaml'),
      reminders.replace('require_verify: false', 'require_verify: true'),
    );
    config = await loadConfig(dir);
    expect(config.reminders.require_verify).toBe(true);
    const { org } = config;
    const chats = [org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])];
    lark = await startStandIn([...new Set(chats)], {
      users: org.admins.map((a) => ({ openId: a.open_id, name: a.name })),
    });
    const now = new Date('2023-09-25T01:00:00Z');
    duban = await startDuban({ ...larkVars(lark.url), CONFIG_DIR: dir, ADMIN_TOKEN }, { clock: () => now });
    head = findSection('监督科', org)!.head.open_id!;
    const report = await duban.sweepNow();
    const sent = report.sent.find((s) => s.message.section === '监督科')!;
    expect(sent.message.occurrenceIds).toEqual([M3, M1]);
    chatId = sent.message.chatId;
    reminder = sent.messageId;
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** `text` from `from` in `chat` (a reply to `parentId` when given), @督办; resolves with the bot's answer. */
  const say = async (text: string, from: string, options: { chat?: string; parentId?: string } = {}) => {
    const chat = options.chat ?? chatId;
    const message = lark.standIn.controls.addUserMessage({
      chatId: chat,
      senderOpenId: from,
      text,
      ...(options.parentId ? { parentId: options.parentId } : {}),
    });
    const status = await postEvent(duban, keys, {
      messageId: message.messageId,
      chatId: chat,
      senderOpenId: from,
      text: `@_user_1 ${text}`,
      mentions: [{ openId: lark.standIn.botOpenId, name: '督办' }],
      ...(options.parentId ? { parentId: options.parentId, rootId: options.parentId } : {}),
    });
    expect(status).toBe(200);
    return lark.standIn.state.waitForReply(message.messageId, 10_000);
  };

  const click = async (value: Value, from: string, messageId: string, chat: string) => {
    const { status, body } = await postCardAction(duban, {
      operatorOpenId: from,
      value,
      messageId,
      chatId: chat,
    });
    expect(status).toBe(200);
    return body;
  };

  /** The first bot message in `chat` that `match` accepts, waiting for it. */
  const messageIn = (chat: string, match: (m: RecordedMessage) => boolean) =>
    lark.standIn.state.waitForMessageWhere((m) => m.chatId === chat && match(m), 10_000);
  const patched = (messageId: string, count: number) =>
    lark.standIn.state.waitForUpdates(messageId, count, 10_000);

  const exported = async (id: string): Promise<LedgerRow> => {
    const res = await fetch(`${duban.url}/admin/export`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as LedgerRow[]).find((r) => r.id === id && r.section === '监督科')!;
  };

  it('a confirmation waits for 销号: the head is told, each admin gets a 待销号 card in their own chat', async () => {
    const ack = await say('1已完成 已检查12家', head, { parentId: reminder });
    expect(visible(ack)).toMatch(/^✅ 已记录 监督科 完成「8\.4 6月30日/);
    expect(visible(ack)).toContain('待督办管理员销号');
    for (const i of [0, 1]) {
      const card = await messageIn(p2p(admin(i).open_id), (m) => visible(m).startsWith('待销号'));
      const text = visible(card);
      expect(text).toMatch(/^待销号 · 1 项/);
      expect(text).toContain('8.4 6月30日');
      expect(text).toContain('✅ 监督科');
      expect(text).toContain('备注：已检查12家');
      expect(text).toContain('[销号]');
      expect(text).toContain('[退回]');
    }
    expect((await duban.store.occurrence(M3))?.status).toBe('done');
    expect((await exported(M3)).status).toBe('awaiting_verification');
    const progress = visible(await say('进度 监督科', head, { chat: config.org.chats.main }));
    expect(progress).toContain('已完成（已销号）0/');
    expect(progress).toContain('待销号 1');
  });

  it('a file sent in reply to the reminder is 佐证材料: attached where the head points, on the card, copied to the admins, in the export', async () => {
    const bytes = Buffer.from('%PDF-1.4 检查报告');
    const file = lark.standIn.controls.addUserAttachment({
      chatId,
      senderOpenId: head,
      kind: 'file',
      bytes,
      fileName: '检查报告.pdf',
      parentId: reminder,
    });
    const content = file.content as { file_key: string; file_name: string };
    // A file cannot @ anyone: it reaches the bot as a plain reply in the thread.
    const status = await postEvent(duban, keys, {
      messageId: file.messageId,
      chatId,
      senderOpenId: head,
      messageType: 'file',
      content,
      parentId: reminder,
      rootId: reminder,
    });
    expect(status).toBe(200);
    const ask = await lark.standIn.state.waitForReply(file.messageId, 10_000);
    expect(visible(ask)).toContain('收到「检查报告.pdf」。这份材料是哪一项工作的佐证？');
    expect(visible(ask)).not.toMatch(/\/m\d|file_/);
    const first = buttonValues(ask)[0]!;
    expect(first.occurrenceId).toBe(M3);
    const before = lark.standIn.state.message(reminder)!.updates;
    const answer = await click(first, head, ask.messageId, chatId);
    expect(answer.toast.content).toMatch(/^📎 已收到佐证材料「检查报告\.pdf」，记入「8\.4 6月30日/);
    expect((await duban.store.occurrence(M3))?.evidence).toEqual([
      expect.objectContaining({
        section: '监督科',
        by: head,
        kind: 'file',
        name: '检查报告.pdf',
        messageId: file.messageId,
      }),
    ]);
    expect(visible(await patched(reminder, before + 1))).toContain('📎 佐证材料：检查报告.pdf');
    // M3 waits for 销号: each admin gets a copy, uploaded by the bot, with the same bytes.
    for (const i of [0, 1]) {
      const copy = await messageIn(p2p(admin(i).open_id), (m) => m.msgType === 'file');
      const key = (copy.content as { file_key: string }).file_key;
      expect(key).not.toBe(content.file_key);
      expect(lark.standIn.state.resources.get(key)?.bytes).toEqual(bytes);
    }
    expect((await exported(M3)).evidence).toEqual([
      expect.objectContaining({ kind: 'file', name: '检查报告.pdf', messageId: file.messageId, by: head }),
    ]);
  });

  it('someone who is not an admin is refused 销号 at once, told who may', async () => {
    const refused = visible(await say('销号 8.4', head, { chat: config.org.chats.main }));
    expect(refused).toBe(`抱歉，只有督办管理员（${admin(0).name}、${admin(1).name}）可以销号。`);
    expect((await duban.store.occurrence(M3))?.status).toBe('done');
  });

  it('an admin taps 销号: verified, the card redrawn, counted done in 进度 and the export', async () => {
    const chat = p2p(admin(0).open_id);
    const card = await messageIn(chat, (m) => visible(m).startsWith('待销号'));
    const verify = buttonValues(card).find((v) => v.action === 'verify')!;
    const other = await messageIn(p2p(admin(1).open_id), (m) => visible(m).startsWith('待销号'));
    const otherBefore = other.updates;
    const answer = await click(verify, admin(0).open_id, card.messageId, chat);
    expect(answer.toast).toMatchObject({ type: 'success' });
    expect(answer.toast.content).toMatch(/^☑️ 已销号「8\.4 6月30日/);
    expect(visible({ content: answer.card!.data })).toContain(`☑️ 已销号（${admin(0).name}`);
    expect(buttonValues({ content: answer.card!.data })).toEqual([]);
    expect((await duban.store.occurrence(M3))?.status).toBe('verified');
    // The other admin's card shows it too.
    expect(visible(await patched(other.messageId, otherBefore + 1))).toContain('☑️ 已销号');
    expect((await exported(M3)).status).toBe('verified');
    const progress = visible(await say('进度 监督科', head, { chat: config.org.chats.main }));
    expect(progress).toContain('已完成（已销号）1/');
  });

  it('待销号 lists the queue; 退回 with a reason reopens the work and tells the head in the section chat', async () => {
    // "2已完成" with a photo of the report, as one post: confirmed and attached.
    const photo = lark.standIn.state.resources.put({ kind: 'image', bytes: Buffer.from('png-bytes') });
    const post = lark.standIn.controls.addUserMessage({
      chatId,
      senderOpenId: head,
      text: '2已完成',
      parentId: reminder,
    });
    const status = await postEvent(duban, keys, {
      messageId: post.messageId,
      chatId,
      senderOpenId: head,
      messageType: 'post',
      content: {
        title: '',
        content: [
          [
            { tag: 'at', user_id: '@_user_1' },
            { tag: 'text', text: ' 2已完成' },
          ],
          [{ tag: 'img', image_key: photo.key }],
        ],
      },
      mentions: [{ openId: lark.standIn.botOpenId, name: '督办' }],
      parentId: reminder,
      rootId: reminder,
    });
    expect(status).toBe(200);
    const ack = visible(await lark.standIn.state.waitForReply(post.messageId, 10_000));
    expect(ack).toMatch(/^✅ 已记录 监督科 完成「8\.4 9月30日/);
    expect(ack).toContain('📎 已收到佐证材料「图片」，记入「8.4 9月30日');
    expect((await duban.store.occurrence(M1))?.status).toBe('done');
    expect((await duban.store.occurrence(M1))?.evidence.map((e) => e.kind)).toEqual(['image']);
    const queue = await say('待销号', admin(1).open_id, { chat: config.org.chats.main });
    expect(visible(queue)).toMatch(/^待销号 · 1 项/);
    expect(visible(queue)).toContain('8.4 9月30日');

    // A 退回 button cannot carry a reason: it says how to write one and changes nothing.
    const button = buttonValues(queue).find((v) => v.action === 'send-back')!;
    const hint = await click(button, admin(1).open_id, queue.messageId, config.org.chats.main);
    expect(hint.toast.content).toBe(
      '请发送「退回 8.4 9月30日 原因」，写明原因后才会退回，原因会转告科室负责人。',
    );
    expect((await duban.store.occurrence(M1))?.confirmations).toHaveLength(1);

    expect(visible(await say('退回 8.4', admin(1).open_id, { chat: config.org.chats.main }))).toMatch(
      /^请写明退回原因/,
    );
    const back = await say('退回 8.4 9月30日 请补充检查报告', admin(1).open_id, {
      chat: config.org.chats.main,
    });
    expect(visible(back)).toBe(
      '↩️ 已退回「8.4 9月30日 9月底前对各预算单位预决算公开进行专项检查」，原因：请补充检查报告。已转告 监督科，提醒将照常发送。',
    );
    expect(await duban.store.occurrence(M1)).toMatchObject({ status: 'open', confirmations: [] });
    const notice = await messageIn(chatId, (m) => visible(m).includes('退回了'));
    expect(visible(notice)).toContain(`<at user_id="${head}">`);
    expect(visible(notice)).toContain(`督办管理员 ${admin(1).name} 退回了 监督科 的「8.4 9月30日`);
    expect(visible(notice)).toContain('原因：请补充检查报告');
    // The queue card shows it went back; the reminder card shows the work owed again.
    const redrawn = await patched(queue.messageId, 1);
    expect(visible(redrawn)).toContain('↩️ 已退回或已撤销');
    expect((await exported(M1)).status).toBe('open');
    const audit = (await duban.store.audit()).at(-1);
    expect(audit).toMatchObject({ action: 'return', by: admin(1).open_id, note: '请补充检查报告' });
  });
});
