import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { findSection } from '../../src/config/sections.js';
import type { PageMessage } from '../../src/emulator/page/message-view.js';
import type { PageChat, PagePerson } from '../../src/emulator/page/people.js';
import { cardText, pageApi, timeline, waitForTimeline } from '../helpers/emulator-page.js';
import { larkVars, startDuban, startStandIn } from '../helpers/server-harness.js';

interface Posted {
  message: PageMessage;
  delivered: boolean;
  error?: string;
}

describe('emulator page API: people, chats, talking to the bot', () => {
  let duban: RunningServer;
  let people: PagePerson[];
  let chats: PageChat[];
  let main: string;
  let staff: PagePerson;
  let head: string;

  beforeAll(async () => {
    duban = await startDuban({});
    people = (await pageApi<{ people: PagePerson[] }>(duban, 'people')).body.people;
    chats = (await pageApi<{ chats: PageChat[] }>(duban, 'chats')).body.chats;
    main = duban.config().org.chats.main;
    staff = people.find((p) => !p.registered)!;
    head = findSection('监督科', duban.config().org)!.head.open_id!;
  });
  afterAll(() => duban.close(1000));

  it('lists everyone org.yaml names with their role, and one unregistered member of staff', () => {
    expect(people.find((p) => p.openId === head)?.label).toBe('监督科 科长 曹阳');
    expect(people.find((p) => p.name === '张敏')?.label).toBe('办公室 科长 · 管理员 张敏');
    expect(people.find((p) => p.name === '吴倩')?.label).toBe('预算科 副科长 吴倩');
    expect(people.find((p) => p.name === '赵文斌')?.label).toMatch(
      /^局领导（分管 农业科、绩效科、采购科、监督科）/,
    );
    expect(staff.label).toContain('未登记');
    expect(new Set(people.map((p) => p.openId)).size).toBe(people.length);
  });

  it('lists the bureau group, the leadership group, section groups and a private chat per person', () => {
    const kinds = (kind: PageChat['kind']) => chats.filter((c) => c.kind === kind);
    expect(kinds('main').map((c) => c.chatId)).toEqual([main]);
    expect(kinds('main')[0]!.members).toContain(staff.openId);
    expect(kinds('leadership')).toHaveLength(1);
    expect(kinds('section').map((c) => c.name)).toContain('金融服务中心工作群');
    expect(kinds('p2p')).toHaveLength(people.length);
    expect(kinds('p2p').find((c) => c.members[0] === staff.openId)).toBeDefined();
  });

  it('posts a question as a person, and the bot’s card answer appears in the timeline', async () => {
    const posted = await pageApi<Posted>(duban, `chats/${main}/messages`, {
      from: staff.openId,
      text: '政金企 谁牵头',
    });
    expect(posted.status).toBe(201);
    expect(posted.body.delivered).toBe(true);
    expect(posted.body.message.text).toContain('政金企 谁牵头');
    const answer = await waitForTimeline(duban, main, (m) => m.parentId === posted.body.message.id);
    expect(answer.from).toBe('bot');
    expect(answer.kind).toBe('card');
    expect(cardText(answer)).toContain('金融服务中心');
    const order = (await timeline(duban, main)).map((m) => m.id);
    expect(order.indexOf(posted.body.message.id)).toBeLessThan(order.indexOf(answer.id));
  });

  it('talks privately with the bot without @', async () => {
    const p2p = chats.find((c) => c.kind === 'p2p' && c.members[0] === head)!;
    const posted = await pageApi<Posted>(duban, `chats/${p2p.chatId}/messages`, {
      from: head,
      text: '我是谁',
    });
    expect(posted.body.message.text).toBe('我是谁');
    const answer = await waitForTimeline(duban, p2p.chatId, (m) => m.parentId === posted.body.message.id);
    expect(cardText(answer)).toContain('监督科');
  });

  it('keeps a group message without @督办 from the bot, as Lark would', async () => {
    const quiet = await pageApi<Posted>(duban, `chats/${main}/messages`, {
      from: head,
      text: '8.4',
      mentionBot: false,
    });
    expect(quiet.status).toBe(201);
    expect(quiet.body).toMatchObject({ delivered: false, message: { notDelivered: true } });
    // A later question's answer arriving proves the first had its chance to be answered.
    const loud = await pageApi<Posted>(duban, `chats/${main}/messages`, { from: head, text: '8.4' });
    await waitForTimeline(duban, main, (m) => m.parentId === loud.body.message.id);
    expect((await timeline(duban, main)).some((m) => m.parentId === quiet.body.message.id)).toBe(false);
  });

  it('refuses unknown people, strangers to a chat, empty text and replies to other chats’ messages', async () => {
    const section = chats.find((c) => c.name === '金融服务中心工作群')!;
    const post = (chatId: string, body: unknown) => pageApi<Posted>(duban, `chats/${chatId}/messages`, body);
    expect(await post(main, { from: 'ou_nobody', text: 'hi' })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('ou_nobody') },
    });
    expect(await post(section.chatId, { from: head, text: 'hi' })).toMatchObject({
      status: 403,
      body: { error: '曹阳 不在「金融服务中心工作群」中' },
    });
    expect((await post(main, { from: head, text: '   ' })).status).toBe(400);
    const elsewhere = (await timeline(duban, main))[0]!.id;
    const p2p = chats.find((c) => c.kind === 'p2p' && c.members[0] === head)!;
    expect((await post(p2p.chatId, { from: head, text: '已完成', parentId: elsewhere })).status).toBe(400);
    expect((await post('oc_missing', { from: head, text: 'hi' })).status).toBe(404);
  });

  it('pushes user messages and bot replies to an open event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${duban.url}/emulator/api/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const posted = await pageApi<Posted>(duban, `chats/${main}/messages`, {
      from: staff.openId,
      text: '帮助',
    });
    let text = '';
    while (!text.includes(`"parentId":"${posted.body.message.id}"`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
    expect(text).toContain(`event: message\ndata: {"id":"${posted.body.message.id}"`);
    expect(text).toMatch(/event: message\ndata: \{[^\n]*"from":"bot"[^\n]*使用说明/);
  });

  it('serves the page at / and /emulator', async () => {
    for (const path of ['/', '/emulator']) {
      const res = await fetch(`${duban.url}${path}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('本地模拟 · 非真实飞书');
    }
  });
});

describe('emulator page API: the clock, reminders and card buttons', () => {
  let duban: RunningServer;
  let main: string;
  let head: string;

  beforeAll(async () => {
    duban = await startDuban({});
    main = duban.config().org.chats.main;
    head = findSection('监督科', duban.config().org)!.head.open_id!;
  });
  afterAll(() => duban.close(1000));

  interface Jumped {
    clock: { local: string; shifted: boolean };
    sweep: { sent: { messageId: string; chatId: string; section: string | null }[] };
  }

  it('refuses a time it cannot read, naming the format', async () => {
    const bad = await pageApi(duban, 'clock', { to: '9月25日' });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining('2023-09-25T09:00') } });
    expect((await pageApi(duban, 'clock', { to: '2023-02-30T09:00' })).status).toBe(400);
  });

  it('starts inside the plan year and only moves forward', async () => {
    const clock = await (await fetch(`${duban.url}/emulator/api/clock`)).json();
    expect(clock).toMatchObject({ local: '2023-01-01 09:30' });
    expect((await pageApi(duban, 'clock', { to: '2022-12-31T09:00' })).status).toBe(409);
  });

  let reminder: PageMessage;

  it('jumps the clock to 2023-09-25 09:00 and the reminders fire at once', async () => {
    const jumped = await pageApi<Jumped>(duban, 'clock', { to: '2023-09-25T09:00' });
    expect(jumped.status).toBe(200);
    expect(jumped.body.clock).toMatchObject({ local: '2023-09-25 09:00', shifted: true });
    const sent = jumped.body.sweep.sent.find((s) => s.section === '监督科')!;
    expect(sent.chatId).toBe(findSection('监督科', duban.config().org)!.chat_id ?? main);
    reminder = (await timeline(duban, sent.chatId)).find((m) => m.id === sent.messageId)!;
    expect(reminder.at).toMatch(/^2023-09-25T01:00:/); // the emulated time, which runs on from the jump
    expect(cardText(reminder)).toContain('8.4');
    expect(cardText(reminder)).toContain(`<at id=${head}></at>`);
  });

  it('a reply 已完成 to the reminder asks which one; 全部完成 confirms both', async () => {
    const reply = (text: string) =>
      pageApi<Posted>(duban, `chats/${reminder.chatId}/messages`, {
        from: head,
        text,
        parentId: reminder.id,
      });
    const first = await reply('已完成');
    expect(first.body.message.parentId).toBe(reminder.id);
    const ask = await waitForTimeline(duban, reminder.chatId, (m) => m.parentId === first.body.message.id);
    expect(cardText(ask)).toContain('请指明完成的是哪一项');
    const all = await reply('全部完成');
    const ack = await waitForTimeline(duban, reminder.chatId, (m) => m.parentId === all.body.message.id);
    expect(cardText(ack)).toContain('已记录 监督科 完成');
    expect((await duban.store.occurrence('8.4/m3/2023'))!.status).toBe('done');
  });

  it('a click on a card button goes to the bot and redraws the card in place', async () => {
    const back = await pageApi(duban, 'clock', { to: '2023-09-01T09:00' });
    expect(back).toMatchObject({ status: 409, body: { error: expect.stringContaining('时间只能往后拨') } });
    const jumped = await pageApi<Jumped>(duban, 'clock', { to: '2023-10-09T09:00' });
    const sent = jumped.body.sweep.sent.find((s) => s.section !== null)!;
    const card = (await timeline(duban, sent.chatId)).find((m) => m.id === sent.messageId)!;
    const button = JSON.stringify(card.card).match(/"value":(\{[^}]*"action":"confirm"[^}]*\})/)!;
    const value = JSON.parse(button[1]!) as Record<string, unknown>;
    const admin = duban.config().org.admins[0]!.open_id;
    const clicked = await pageApi<{
      toast: { type: string; content: string };
      updated: boolean;
      message: PageMessage;
    }>(duban, `messages/${card.id}/click`, { from: admin, value });
    expect(clicked.status).toBe(200);
    expect(clicked.body.toast.type).toBe('success');
    expect(clicked.body.updated).toBe(true);
    expect(clicked.body.message.updates).toBe(1);
    const redrawn = (await timeline(duban, sent.chatId)).find((m) => m.id === card.id)!;
    expect(cardText(redrawn)).toContain('已确认');
    const again = await pageApi(duban, `messages/${card.id}/click`, { from: admin, value });
    expect(again.status).toBe(409);
    expect(
      (await pageApi(duban, `messages/${card.id}/click`, { from: admin, value: { action: 'drop-all' } }))
        .status,
    ).toBe(409);
  });

  it('resets the clock to real time', async () => {
    const reset = await pageApi<{ clock: { shifted: boolean; now: string } }>(duban, 'clock/reset', {});
    expect(reset.body.clock.shifted).toBe(false);
    expect(Math.abs(Date.parse(reset.body.clock.now) - Date.now())).toBeLessThan(2_000);
  });
});

describe('emulator page with a real Lark app', () => {
  it('does not exist when LARK_APP_ID is set', async () => {
    const lark = await startStandIn([]);
    const duban = await startDuban(larkVars(lark.url));
    try {
      expect(duban.local).toBeUndefined();
      expect((await fetch(`${duban.url}/emulator/api/people`)).status).toBe(404);
      expect((await fetch(`${duban.url}/`)).status).toBe(404);
      expect((await fetch(`${duban.url}/open-apis/auth/v3/tenant_access_token/internal`)).status).toBe(404);
    } finally {
      await duban.close(1000);
      await lark.close();
    }
  });
});
