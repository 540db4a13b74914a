import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Org } from '../../src/config/org-schema.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import { LEDGER_SHEET_NAME } from '../../src/export/ledger-workbook.js';
import { createLarkClient } from '../../src/lark/client.js';
import { downloadResource } from '../../src/lark/download-resource.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import {
  APP_ID,
  APP_SECRET,
  EVENT_KEYS,
  larkVars,
  say,
  startDuban,
  startStandIn,
} from '../helpers/server-harness.js';

const keys = EVENT_KEYS;
/** Monday 2023-09-25 10:00 in Beijing. */
const NOW = new Date('2023-09-25T02:00:00Z');

/**
 * 导出台账 in chat, signed and encrypted through /lark/events of a server talking to the Lark
 * stand-in with the real SDK: the workbook is uploaded, sent as a file message replying to the
 * request, and its bytes, downloaded back through the message-resource API, open as the 台账.
 */
describe('导出台账 through /lark/events', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let org: Org;

  beforeAll(async () => {
    ({ org } = await loadConfig(CONFIG_DIR));
    lark = await startStandIn([org.chats.main]);
    duban = await startDuban(larkVars(lark.url), { clock: () => NOW });
    await duban.store.confirm('8.4/m3/2023', '监督科', 'ou_test', '', 'command');
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
  });

  /** Says `text` in the bureau group as `from`; resolves with every reply once the text one is in. */
  async function ask(from: string, text: string): Promise<RecordedMessage[]> {
    const { status, messageId } = await say(duban, lark.standIn, keys, {
      chatId: org.chats.main,
      from,
      text,
    });
    expect(status).toBe(200);
    const { state } = lark.standIn;
    const replies = () => state.messages.filter((m) => m.parentId === messageId);
    await state.waitForReply(messageId, 15_000);
    while (!replies().some((m) => m.msgType === 'text'))
      await state.waitForMessage(state.messages.length + 1, 15_000);
    return replies();
  }

  it('an admin gets the workbook as a file message, then a line saying what it is', async () => {
    const replies = await ask(org.admins[0]!.open_id, '导出台账');
    expect(replies.map((m) => m.msgType)).toEqual(['file', 'text']);
    const [file, text] = replies as [RecordedMessage, RecordedMessage];
    const fileKey = (file.content as { file_key: string }).file_key;
    expect(lark.standIn.state.resources.get(fileKey)).toMatchObject({
      fileName: '2023年督办台账（截至9月25日）.xlsx',
      fileType: 'xls',
    });
    expect((text.content as { text: string }).text).toMatch(
      /^已发送《2023年工作要点督办台账（截至9月25日）》：共 57 个节点（按节点计），已完成 1 个，逾期 \d+ 个/,
    );

    const client = createLarkClient({
      appId: APP_ID,
      appSecret: APP_SECRET,
      domain: lark.url,
      logger: pino({ level: 'silent' }),
    });
    const bytes = await downloadResource(client, file.messageId, fileKey, 'file');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getCell('A1').value).toBe('2023年工作要点督办台账（截至9月25日）');
    expect(workbook.worksheets).toHaveLength(1 + org.sections.length);
  });

  it('a bureau leader may export too', async () => {
    const leader = org.sections.find((s) => s.leader?.open_id)!.leader!.open_id!;
    const replies = await ask(leader, '下载台账');
    expect(replies.map((m) => m.msgType)).toEqual(['file', 'text']);
  });

  it('says so when Lark refuses the file message, and sends no file', async () => {
    const files = lark.standIn.state.messages.filter((m) => m.msgType === 'file').length;
    // The upload goes through; the reply carrying the file is refused for good (230099 is not retried).
    lark.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230099, msg: 'refused' });
    const replies = await ask(org.admins[1]!.open_id, '导出台账');
    expect(replies.map((m) => m.msgType)).toEqual(['text']);
    expect((replies[0]!.content as { text: string }).text).toMatch(/^台账已生成，但发送到飞书失败/);
    expect(lark.standIn.state.messages.filter((m) => m.msgType === 'file')).toHaveLength(files);
  });

  it('anyone else is refused politely, told who may, and no file is uploaded', async () => {
    const head = findSection('预算科', org)!.head.open_id!;
    const files = lark.standIn.state.messages.filter((m) => m.msgType === 'file').length;
    const replies = await ask(head, '导出台账');
    expect(replies.map((m) => m.msgType)).toEqual(['text']);
    const text = (replies[0]!.content as { text: string }).text;
    expect(text).toContain('导出台账仅限督办管理员（张敏、周婷）和局领导（');
    expect(text).toContain('李建国');
    expect(lark.standIn.state.messages.filter((m) => m.msgType === 'file')).toHaveLength(files);
  });
});
