import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/emulator/clock.js';
import {
  ALICE,
  BOB,
  BOT_OPEN_ID,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';

let clock: ManualClock;
let running: RunningStandIn;

beforeEach(async () => {
  clock = createManualClock();
  running = await startStandIn({ now: clock.now });
});
afterEach(() => running.close());

/** A Lark answer as these tests read it (fields present only on some endpoints). */
interface Answer {
  code: number;
  msg: string;
  tenant_access_token: string;
  expire: number;
  bot: Record<string, unknown>;
  data: {
    message_id: string;
    chat_id: string;
    page_token: string;
    has_more: boolean;
    user: Record<string, unknown>;
    user_list: unknown[];
  };
}

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer,
  };
}

async function token(): Promise<string> {
  const { body } = await call('POST', '/open-apis/auth/v3/tenant_access_token/internal', {
    app_id: TEST_APP_ID,
    app_secret: TEST_APP_SECRET,
  });
  return body.tenant_access_token;
}

const text = (t: string) => JSON.stringify({ text: t });
const card = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '任务' }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: '**8.4** 预决算公开检查' }] },
    ...extra,
  });

function send(t: string, chatId: string, content: string, extra: Record<string, unknown> = {}) {
  return call(
    'POST',
    '/open-apis/im/v1/messages?receive_id_type=chat_id',
    { receive_id: chatId, msg_type: extra.msg_type ?? 'text', content, ...extra },
    t,
  );
}

describe('tenant tokens', () => {
  it('refuses a wrong app secret with 10014 and issues a token for the right one', async () => {
    const wrong = await call('POST', '/open-apis/auth/v3/tenant_access_token/internal', {
      app_id: TEST_APP_ID,
      app_secret: 'nope',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(10014);
    const right = await call('POST', '/open-apis/auth/v3/tenant_access_token/internal', {
      app_id: TEST_APP_ID,
      app_secret: TEST_APP_SECRET,
    });
    expect(right.body).toMatchObject({ code: 0, expire: 7200 });
    expect(right.body.tenant_access_token).toMatch(/^t-/);
  });

  it('rejects a missing token (99991661), an expired one and a revoked one (99991663)', async () => {
    expect((await call('GET', '/open-apis/bot/v3/info')).body.code).toBe(99991661);
    const t = await token();
    expect((await call('GET', '/open-apis/bot/v3/info', undefined, t)).body.code).toBe(0);
    clock.advance(7200 * 1000);
    expect((await call('GET', '/open-apis/bot/v3/info', undefined, t)).body.code).toBe(99991663);
    const fresh = await token();
    running.standIn.controls.revokeTokens();
    const revoked = await call('GET', '/open-apis/bot/v3/info', undefined, fresh);
    expect(revoked).toMatchObject({ status: 400, body: { code: 99991663 } });
  });
});

describe('send, reply, patch', () => {
  it('records each message and lets a test await the nth one', async () => {
    const t = await token();
    const waiting = running.standIn.state.waitForMessage(2);
    await send(t, GROUP_CHAT, text('第一条'));
    const second = await send(t, GROUP_CHAT, card(), { msg_type: 'interactive', uuid: 'u-2' });
    expect(second.body.code).toBe(0);
    const recorded = await waiting;
    expect(recorded).toMatchObject({
      messageId: second.body.data.message_id,
      chatId: GROUP_CHAT,
      msgType: 'interactive',
      uuid: 'u-2',
      updateMulti: true,
      createTime: clock.now(),
    });
    expect(running.standIn.state.messages[0]!.content).toEqual({ text: '第一条' });
  });

  it('answers a repeated uuid with the first message and records it once', async () => {
    const t = await token();
    const first = await send(t, GROUP_CHAT, text('一次'), { uuid: 'same-key' });
    const again = await send(t, GROUP_CHAT, text('一次'), { uuid: 'same-key' });
    expect(again.body.data.message_id).toBe(first.body.data.message_id);
    expect(running.standIn.state.messages).toHaveLength(1);
    clock.advance(60 * 60 * 1000);
    const later = await send(t, GROUP_CHAT, text('一次'), { uuid: 'same-key' });
    expect(later.body.data.message_id).not.toBe(first.body.data.message_id);
    expect((await send(t, GROUP_CHAT, text('x'), { uuid: 'x'.repeat(51) })).body.code).toBe(99992402);
  });

  it('knows which chats the bot is in (230002) and which users it may reach (230013)', async () => {
    const t = await token();
    running.standIn.controls.setBotInChat(GROUP_CHAT, false);
    expect((await send(t, GROUP_CHAT, text('hi'))).body.code).toBe(230002);
    expect((await send(t, 'oc_unknown', text('hi'))).body.code).toBe(230002);
    const toAlice = await call(
      'POST',
      '/open-apis/im/v1/messages?receive_id_type=open_id',
      { receive_id: ALICE.openId, msg_type: 'text', content: text('私聊') },
      t,
    );
    expect(toAlice.body.data.chat_id).toMatch(/^oc_p2p_/);
    const toStranger = await call(
      'POST',
      '/open-apis/im/v1/messages?receive_id_type=open_id',
      { receive_id: 'ou_stranger', msg_type: 'text', content: text('hi') },
      t,
    );
    expect(toStranger.body.code).toBe(230013);
  });

  it('validates cards: schema 2.0, known top-level fields, an elements array, 30 KB', async () => {
    const t = await token();
    const interactive = (content: string) => send(t, GROUP_CHAT, content, { msg_type: 'interactive' });
    expect((await interactive(card({ elements: [] }))).body.code).toBe(230099);
    expect((await interactive(card({ schema: '1.0' }))).body.code).toBe(230099);
    expect((await interactive(JSON.stringify({ schema: '2.0', body: {} }))).body.code).toBe(230099);
    const huge = card({ body: { elements: [{ tag: 'markdown', content: '字'.repeat(11_000) }] } });
    expect((await interactive(huge)).body.code).toBe(230025);
    expect((await interactive(card())).body.code).toBe(0);
    expect((await send(t, GROUP_CHAT, 'not json')).body.code).toBe(230001);
  });

  it('replies in the parent message’s chat and records parent and root', async () => {
    const t = await token();
    const question = running.standIn.controls.addUserMessage({
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      text: '政金企 谁牵头',
    });
    const reply = await call(
      'POST',
      `/open-apis/im/v1/messages/${question.messageId}/reply`,
      { msg_type: 'text', content: text('预算科牵头') },
      t,
    );
    expect(reply.body.data).toMatchObject({
      chat_id: GROUP_CHAT,
      parent_id: question.messageId,
      root_id: question.messageId,
    });
    expect(running.standIn.state.timeline(GROUP_CHAT).map((m) => m.messageId)).toEqual([
      question.messageId,
      reply.body.data.message_id,
    ]);
    const missing = await call(
      'POST',
      '/open-apis/im/v1/messages/om_nope/reply',
      { msg_type: 'text', content: text('x') },
      t,
    );
    expect(missing.body.code).toBe(230001);
  });

  it('patches only update_multi cards, and records the update', async () => {
    const t = await token();
    const shared = await send(t, GROUP_CHAT, card(), { msg_type: 'interactive' });
    const fixed = await send(t, GROUP_CHAT, card({ config: {} }), { msg_type: 'interactive' });
    const updated = card({ body: { elements: [{ tag: 'markdown', content: '已完成' }] } });
    const patch = (id: string, content: string) =>
      call('PATCH', `/open-apis/im/v1/messages/${id}`, { content }, t);
    expect((await patch(shared.body.data.message_id, updated)).body.code).toBe(0);
    expect((await patch(fixed.body.data.message_id, updated)).body.code).toBe(230001);
    const message = running.standIn.state.message(shared.body.data.message_id)!;
    expect(message.updates).toBe(1);
    expect(message.content).toMatchObject({ body: { elements: [{ content: '已完成' }] } });
    clock.advance(15 * 24 * 60 * 60 * 1000);
    const late = await call(
      'PATCH',
      `/open-apis/im/v1/messages/${shared.body.data.message_id}`,
      { content: updated },
      await token(),
    );
    expect(late.body.code).toBe(230031);
  });
});

describe('limits', () => {
  it('allows 50 messages a second per app, then 429 with x-ogw-ratelimit-reset', async () => {
    const t = await token();
    const chats = Array.from({ length: 11 }, (_, i) => `oc_limit_${i}`);
    for (const chatId of chats) running.standIn.controls.addChat({ chatId, name: chatId });
    for (let i = 0; i < 50; i++) {
      expect((await send(t, chats[i % 11]!, text(`#${i}`))).body.code).toBe(0);
    }
    const limited = await send(t, chats[0]!, text('#50'));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(99991400);
    expect(limited.headers.get('x-ogw-ratelimit-reset')).toBe('1');
    clock.advance(1000);
    expect((await send(t, chats[1]!, text('#51'))).body.code).toBe(0);
  });

  it('allows 1000 a minute per app', async () => {
    const limited = await startStandIn({
      now: clock.now,
      limits: { appPerSecond: 10_000, chatPerSecond: 10_000 },
    });
    try {
      const t = await fetch(`${limited.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: TEST_APP_ID, app_secret: TEST_APP_SECRET }),
      }).then(async (r) => ((await r.json()) as { tenant_access_token: string }).tenant_access_token);
      const post = () =>
        fetch(`${limited.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
          body: JSON.stringify({ receive_id: GROUP_CHAT, msg_type: 'text', content: text('m') }),
        });
      for (let i = 0; i < 1000; i++) {
        if (i % 100 === 0) clock.advance(5_000);
        expect((await post()).status).toBe(200);
      }
      const over = await post();
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThan(1);
    } finally {
      await limited.close();
    }
  });

  it('allows 5 messages a second per chat, then 230020', async () => {
    const t = await token();
    for (let i = 0; i < 5; i++) expect((await send(t, GROUP_CHAT, text(`#${i}`))).body.code).toBe(0);
    const limited = await send(t, GROUP_CHAT, text('#5'));
    expect(limited).toMatchObject({ status: 400, body: { code: 230020 } });
    clock.advance(1000);
    expect((await send(t, GROUP_CHAT, text('#6'))).body.code).toBe(0);
  });
});

describe('faults', () => {
  it('answers the next requests with the armed faults, in order', async () => {
    const t = await token();
    const { controls } = running.standIn;
    controls.failNext(1, { kind: 'rate-limit', resetSeconds: 3 });
    controls.failNext(1, { kind: 'server', status: 503 });
    controls.failNext(1, { kind: 'token-invalid' });
    const first = await send(t, GROUP_CHAT, text('a'));
    expect(first.status).toBe(429);
    expect(first.headers.get('x-ogw-ratelimit-reset')).toBe('3');
    expect((await send(t, GROUP_CHAT, text('b'))).status).toBe(503);
    expect((await send(t, GROUP_CHAT, text('c'))).body.code).toBe(99991663);
    expect((await send(t, GROUP_CHAT, text('d'))).body.code).toBe(0);
    expect(running.standIn.state.messages).toHaveLength(1);
    expect(running.standIn.state.countStatus(429)).toBe(1);
  });
});

describe('directory', () => {
  it('answers bot info, chat members (paged), a user and ids by email or mobile', async () => {
    const t = await token();
    const info = await call('GET', '/open-apis/bot/v3/info', undefined, t);
    expect(info.body.bot).toMatchObject({ open_id: BOT_OPEN_ID, app_name: 'duban' });
    const page1 = await call('GET', `/open-apis/im/v1/chats/${GROUP_CHAT}/members?page_size=1`, undefined, t);
    expect(page1.body.data).toMatchObject({
      has_more: true,
      member_total: 2,
      items: [{ member_id: ALICE.openId, name: '张三' }],
    });
    const page2 = await call(
      'GET',
      `/open-apis/im/v1/chats/${GROUP_CHAT}/members?page_size=1&page_token=${page1.body.data.page_token}`,
      undefined,
      t,
    );
    expect(page2.body.data).toMatchObject({ has_more: false, items: [{ member_id: BOB.openId }] });
    const user = await call(
      'GET',
      `/open-apis/contact/v3/users/${ALICE.openId}?user_id_type=open_id`,
      undefined,
      t,
    );
    expect(user.body.data.user).toMatchObject({ name: '张三', email: ALICE.email });
    const ids = await call(
      'POST',
      '/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id',
      { emails: [ALICE.email, 'nobody@example.cn'], mobiles: [BOB.mobile] },
      t,
    );
    expect(ids.body.data.user_list).toEqual([
      { email: ALICE.email, user_id: ALICE.openId },
      { email: 'nobody@example.cn' },
      { mobile: BOB.mobile, user_id: BOB.openId },
    ]);
    expect(running.standIn.directory.listUsers().map((u) => u.name)).toEqual(['张三', '李四']);
  });
});
