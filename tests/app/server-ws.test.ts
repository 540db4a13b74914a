import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import { cardActionEvent, messageReceiveEvent } from '../../src/emulator/events.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { APP_ID, larkVars, startDuban, startStandIn } from '../helpers/server-harness.js';

/** The whole program with LARK_EVENT_MODE=ws: events come over the stand-in's long connection. */
describe('duban over the long connection', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let main: string;
  let head: string;
  let closed = false;

  beforeAll(async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    main = org.chats.main;
    head = findSection('监督科', org)!.head.open_id!;
    lark = await startStandIn([main, ...org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : []))]);
    duban = await startDuban({ ...larkVars(lark.url), LARK_EVENT_MODE: 'ws' });
    await lark.standIn.longConnection.waitForConnections(1);
  });
  afterAll(async () => {
    if (!closed) await duban?.close(1000);
    await lark?.close();
  });

  /** A user's message in the stand-in, then its event over the socket, as Lark would push it. */
  async function ask(text: string, eventId?: string) {
    const message = lark.standIn.controls.addUserMessage({ chatId: main, senderOpenId: head, text });
    const event = messageReceiveEvent({
      appId: APP_ID,
      token: '',
      messageId: message.messageId,
      chatId: main,
      senderOpenId: head,
      text: `@_user_1 ${text}`,
      mentions: [{ openId: lark.standIn.botOpenId, name: '督办' }],
      ...(eventId ? { eventId } : {}),
    });
    const answer = await lark.standIn.controls.deliverOverLongConnection(event);
    return { answer, messageId: message.messageId, event };
  }

  it('answers a question pushed over the socket with a card replying to it', async () => {
    const { answer, messageId } = await ask('政金企 谁牵头');
    expect(answer.code).toBe(200);
    const reply = await lark.standIn.state.waitForReply(messageId);
    expect(reply.msgType).toBe('interactive');
    const card = reply.content as { header: { title: { content: string } } };
    expect(card.header.title.content).toBe('6.2 持续抓好金融服务');
  });

  it('answers a message pushed twice once', async () => {
    const { messageId, event } = await ask('8.4');
    const again = await lark.standIn.controls.deliverOverLongConnection(event);
    expect(again.code).toBe(200);
    // A later question's reply arriving proves the duplicate had its chance to produce one.
    const later = await ask('帮助');
    await lark.standIn.state.waitForReply(later.messageId);
    expect(lark.standIn.state.messages.filter((m) => m.parentId === messageId)).toHaveLength(1);
  });

  it('confirms from a card button clicked over the socket, answering with the toast and card', async () => {
    const click = cardActionEvent({
      appId: APP_ID,
      token: '',
      operatorOpenId: head,
      value: { action: 'confirm', occurrenceId: '8.4/m1/2023', view: 'item' },
      messageId: 'om_card_ws',
      chatId: main,
    });
    const answer = await lark.standIn.controls.deliverOverLongConnection(click);
    const data = answer.data as { toast: { type: string }; card?: { type: string } };
    expect(data.toast.type).toBe('success');
    expect(data.card?.type).toBe('raw');
    expect((await duban.store.occurrence('8.4/m1/2023'))!.confirmations[0]!.by).toBe(head);
  });

  it('serves no webhook: nothing needs to reach duban from outside', async () => {
    expect((await fetch(`${duban.url}/lark/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(duban.lark.longConnection?.connected()).toBe(true);
    const ready = (await (await fetch(`${duban.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(ready.checks).toEqual({ store: 'ok', config: 'ok', lark: 'ok', 'lark-long-connection': 'ok' });
  });

  it('lets go of the socket when it shuts down', async () => {
    closed = true;
    await duban.close(1000);
    await lark.standIn.longConnection.waitUntil(
      () => lark.standIn.longConnection.connectionsNow().length === 0,
    );
    expect(lark.standIn.longConnection.connectionsNow()).toEqual([]);
  });
});
