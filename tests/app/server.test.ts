import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/app/server.js';
import { readEnv } from '../../src/config/env.js';
import { findSection } from '../../src/config/sections.js';
import { sealEvent } from '../../src/emulator/sign-event.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import {
  larkVars,
  postCardAction,
  postEvent,
  say,
  startDuban,
  startStandIn,
  toBot,
} from '../helpers/server-harness.js';

/** The whole program in local mode: no Lark app, no Redis — the stand-in on the same port. */
describe('duban in local mode', () => {
  let duban: RunningServer;
  let keys: { appId: string; encryptKey: string; verificationToken: string };
  let main: string;
  let head: string;

  beforeAll(async () => {
    duban = await startDuban({});
    const local = duban.local!;
    keys = { appId: local.appId, encryptKey: local.encryptKey, verificationToken: local.verificationToken };
    main = duban.config().org.chats.main;
    head = findSection('监督科', duban.config().org)!.head.open_id!;
  });
  afterAll(() => duban.close(1000));

  it('answers a signed, encrypted question with a card replying to it', async () => {
    const { status, messageId } = await say(duban, duban.local!.standIn, keys, {
      chatId: main,
      from: head,
      text: '政金企 谁牵头',
    });
    expect(status).toBe(200);
    const reply = await duban.local!.standIn.state.waitForReply(messageId);
    expect(reply.msgType).toBe('interactive');
    const card = reply.content as { header: { title: { content: string } } };
    expect(card.header.title.content).toBe('6.2 持续抓好金融服务');
  });

  it('answers a redelivered event once', async () => {
    const state = duban.local!.standIn.state;
    const before = state.messages.length;
    const first = await say(duban, duban.local!.standIn, keys, {
      chatId: main,
      from: head,
      text: '8.4',
      eventId: 'ev-dup',
    });
    const again = await postEvent(duban, keys, {
      eventId: 'ev-dup',
      messageId: first.messageId,
      chatId: main,
      senderOpenId: head,
      ...toBot(duban.local!.standIn.botOpenId, '8.4'),
    });
    expect(again).toBe(200);
    // A later question's reply arriving proves the duplicate had its chance to produce one.
    const later = await say(duban, duban.local!.standIn, keys, { chatId: main, from: head, text: '帮助' });
    await state.waitForReply(later.messageId);
    const replies = state.messages.slice(before).map((m) => m.parentId);
    expect(replies.filter((p) => p === first.messageId)).toHaveLength(1);
  });

  it('refuses a forged signature with 401 and answers nothing', async () => {
    const before = duban.local!.standIn.state.messages.length;
    const sealed = sealEvent(
      { schema: '2.0', header: { event_type: 'im.message.receive_v1' } },
      { encryptKey: 'wrong-key' },
    );
    const res = await fetch(`${duban.url}/lark/events`, {
      method: 'POST',
      headers: sealed.headers,
      body: sealed.body,
    });
    expect(res.status).toBe(401);
    expect(duban.local!.standIn.state.messages.length).toBe(before);
  });

  it('confirms from a card button and answers with a toast and the redrawn card', async () => {
    const { status, body } = await postCardAction(
      duban,
      {
        operatorOpenId: head,
        value: { action: 'confirm', occurrenceId: '8.4/m1/2023', view: 'item' },
        messageId: 'om_card_1',
        chatId: main,
      },
      keys,
    );
    expect(status).toBe(200);
    expect(body.toast.type).toBe('success');
    expect(body.card?.type).toBe('raw');
    expect((await duban.store.occurrence('8.4/m1/2023'))!.confirmations[0]!.by).toBe(head);
  });

  it('lets an admin reload config from the chat', async () => {
    const admin = duban.config().org.admins[0]!.open_id;
    const { messageId } = await say(duban, duban.local!.standIn, keys, {
      chatId: main,
      from: admin,
      text: '重载配置',
    });
    const reply = await duban.local!.standIn.state.waitForReply(messageId);
    expect(reply.content).toEqual({ text: '配置已重新加载：计划无变化' });
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${duban.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${duban.url}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', config: 'ok', lark: 'ok' },
      // The harness starts duban without its schedule; /readyz says so rather than hiding it.
      notices: ['reminders muted (REMINDERS=off): only CLI and admin sweeps send'],
    });
    const metrics = await (await fetch(`${duban.url}/metrics`)).text();
    expect(metrics).toMatch(/^duban_outbox_depth 0$/m);
    expect(metrics).toMatch(/^duban_outbox_shared_budget_fallbacks 0$/m);
    expect(metrics).toMatch(/^duban_command_seconds_count\{kind="message"\} [1-9]/m);
    expect(metrics).toMatch(/^duban_lark_events_total\{outcome="rejected"\} 1$/m);
    expect(metrics).toMatch(/^duban_lark_events_total\{outcome="accepted"\} [1-9]/m);
    expect(metrics).toMatch(/^duban_lark_events_deduped_total 1$/m);
  });
});

describe('reminders end to end in local mode', () => {
  let duban: RunningServer;
  afterAll(() => duban.close(1000));

  it('jumps the clock, sweeps, and a reply 已完成 to the reminder confirms it', async () => {
    duban = await startDuban({});
    const local = duban.local!;
    const keys = {
      appId: local.appId,
      encryptKey: local.encryptKey,
      verificationToken: local.verificationToken,
    };
    const org = duban.config().org;
    const section = findSection('监督科', org)!;
    duban.localClock!.jumpTo(new Date('2023-09-25T01:00:00Z')); // Monday 09:00 in Shanghai
    const report = await duban.sweepNow();
    const reminder = report.sent.find(
      (s) => s.message.section === '监督科' && s.message.occurrenceIds.includes('8.4/m1/2023'),
    );
    expect(reminder).toBeDefined();
    expect(reminder!.message.chatId).toBe(section.chat_id ?? org.chats.main);
    expect(reminder!.message.mentions).toContain(section.head.open_id);
    const recorded = local.standIn.state.message(reminder!.messageId)!;
    expect(JSON.stringify(recorded.content)).toContain('预决算公开');

    // The card covers the overdue 6月30日 check as well, so a bare 已完成 asks which…
    const reply = (text: string) =>
      say(duban, local.standIn, keys, {
        chatId: reminder!.message.chatId,
        from: section.head.open_id!,
        text,
        parentId: reminder!.messageId,
      });
    const first = await reply('已完成');
    expect(JSON.stringify((await local.standIn.state.waitForReply(first.messageId)).content)).toContain(
      '请指明完成的是哪一项',
    );
    // …and 全部完成 with a note confirms both for 监督科.
    const all = await reply('全部完成，检查报告已报送');
    expect(all.status).toBe(200);
    const ack = await local.standIn.state.waitForReply(all.messageId);
    expect(JSON.stringify(ack.content)).toContain('已记录 监督科 完成「8.4 9月30日');
    const occurrence = await duban.store.occurrence('8.4/m1/2023');
    expect(occurrence!.confirmations[0]).toMatchObject({
      section: '监督科',
      note: '检查报告已报送',
      source: 'reply',
    });
    expect((await duban.store.occurrence('8.4/m3/2023'))!.status).toBe('done');
    // Sweeping the same instant again sends nothing twice.
    expect((await duban.sweepNow()).sent).toEqual([]);
  });
});

describe('token-only webhook (no encrypt key)', () => {
  it('starts only with LARK_ALLOW_UNSIGNED=1, and then says so in /readyz', async () => {
    const lark = await startStandIn([]);
    const { LARK_ENCRYPT_KEY: _signed, ...unsigned } = larkVars(lark.url);
    try {
      await expect(startDuban(unsigned)).rejects.toThrow(/LARK_ALLOW_UNSIGNED/);
      const duban = await startDuban({ ...unsigned, LARK_ALLOW_UNSIGNED: '1' });
      try {
        const ready = (await (await fetch(`${duban.url}/readyz`)).json()) as { notices?: string[] };
        expect(ready.notices).toContainEqual(expect.stringMatching(/^events are unsigned/));
      } finally {
        await duban.close(1000);
      }
    } finally {
      await lark.close();
    }
  });
});

describe('REMINDERS', () => {
  // Monday 2023-09-25 09:30 in Shanghai, a first start: the schedule would send that morning's reminders.
  const at = new Date('2023-09-25T01:30:00Z');
  const start = (reminders: 'on' | 'off') =>
    startServer({
      env: readEnv({ PORT: '0', CONFIG_DIR, LOG_LEVEL: 'silent', REMINDERS: reminders }),
      logger: pino({ level: 'silent' }),
      clock: () => at,
    });

  it('on: the start-up sweep sends the morning’s reminders', async () => {
    const duban = await start('on');
    try {
      const report = await duban.schedule!.started;
      expect(report!.sent.length).toBeGreaterThan(0);
    } finally {
      await duban.close(1000);
    }
  });

  it('off: no schedule runs, /readyz says so, and a sweep on request still sends', async () => {
    const duban = await start('off');
    try {
      expect(duban.schedule).toBeUndefined();
      expect(duban.local!.standIn.state.messages).toEqual([]);
      const ready = (await (await fetch(`${duban.url}/readyz`)).json()) as { notices: string[] };
      expect(ready.notices).toContain('reminders muted (REMINDERS=off): only CLI and admin sweeps send');
      expect((await duban.sweepNow()).sent.length).toBeGreaterThan(0);
    } finally {
      await duban.close(1000);
    }
  });
});
