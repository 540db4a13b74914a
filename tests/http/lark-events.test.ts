import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { cardActionEvent, messageReceiveEvent, urlVerificationEvent } from '../../src/emulator/events.js';
import { sealEvent } from '../../src/emulator/sign-event.js';
import { larkEventsRouter } from '../../src/http/lark-events.js';
import { createEventDispatcher } from '../../src/lark/inbound/dispatcher.js';
import { silentLogger } from '../helpers/lark-log.js';
import { ALICE, BOT_OPEN_ID, GROUP_CHAT, TEST_APP_ID } from '../helpers/lark-stand-in.js';
import {
  ENCRYPT_KEY,
  type RunningWebhook,
  startWebhook,
  VERIFICATION_TOKEN,
  type WebhookOptions,
} from '../helpers/lark-webhook.js';

let hook: RunningWebhook | undefined;
afterEach(async () => {
  await hook?.close();
  hook = undefined;
});

async function webhook(options: WebhookOptions = {}) {
  hook = await startWebhook(options);
  return hook;
}

let counter = 0;
function question(overrides: Partial<Parameters<typeof messageReceiveEvent>[0]> = {}) {
  counter += 1;
  return messageReceiveEvent({
    appId: TEST_APP_ID,
    token: VERIFICATION_TOKEN,
    eventId: `ev_${counter}`,
    messageId: `om_q${counter}`,
    chatId: GROUP_CHAT,
    senderOpenId: ALICE.openId,
    text: '@_user_1 政金企 谁牵头',
    mentions: [{ openId: BOT_OPEN_ID, name: 'duban' }],
    ...overrides,
  });
}

describe('POST /lark/events: genuine events', () => {
  it('acknowledges an encrypted, signed message with 200 and hands the bot one Inbound', async () => {
    const h = await webhook();
    const response = await h.post(question({ eventId: 'ev_ok', messageId: 'om_ok' }));
    expect(response.status).toBe(200);
    const [inbound] = await h.waitForMessages(1);
    expect(inbound).toMatchObject({
      eventId: 'ev_ok',
      messageId: 'om_ok',
      chatId: GROUP_CHAT,
      chatType: 'group',
      sender: { openId: ALICE.openId, type: 'user' },
      text: '政金企 谁牵头',
      mentions: [],
    });
    expect(h.claimKeys()).toEqual(['lark:message:om_ok']);
  });

  it('answers before the bot has finished', async () => {
    let finish: () => void = () => {};
    const h = await webhook({ onMessage: () => new Promise<void>((resolve) => (finish = resolve)) });
    const started = performance.now();
    const response = await h.post(question());
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
    await h.waitForMessages(1);
    finish();
  });

  it('hands a redelivered event to the bot once, even when deliveries race', async () => {
    const h = await webhook();
    const event = question({ eventId: 'ev_dup', messageId: 'om_dup' });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => h.post(event).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sameMessageNewEvent = question({ eventId: 'ev_dup_2', messageId: 'om_dup' });
    expect((await h.post(sameMessageNewEvent)).status).toBe(200);
    await h.post(question({ eventId: 'ev_after' }));
    const received = await h.waitForMessages(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received.map((m) => m.eventId)).toEqual(['ev_dup', 'ev_after']);
  });

  it('ignores messages from bots without telling the bot', async () => {
    const h = await webhook();
    expect((await h.post(question({ senderType: 'app', eventId: 'ev_bot' }))).status).toBe(200);
    await h.post(question({ eventId: 'ev_person' }));
    const received = await h.waitForMessages(1);
    expect(received.map((m) => m.eventId)).toEqual(['ev_person']);
  });

  it('answers a card click synchronously with the toast and the redrawn card', async () => {
    const card = {
      schema: '2.0' as const,
      config: { update_multi: true as const },
      header: { title: { tag: 'plain_text' as const, content: '8.4' }, template: 'green' as const },
      body: { elements: [{ tag: 'markdown' as const, content: '已完成' }] },
    };
    const h = await webhook({
      onCardAction: async (action) => {
        expect(action).toEqual({
          operatorOpenId: ALICE.openId,
          value: { op: 'confirm', item: '8.4' },
          messageId: 'om_card',
          chatId: GROUP_CHAT,
        });
        return { toast: { type: 'success', content: '已标记完成' }, card };
      },
    });
    const click = cardActionEvent({
      appId: TEST_APP_ID,
      token: VERIFICATION_TOKEN,
      operatorOpenId: ALICE.openId,
      value: { op: 'confirm', item: '8.4' },
      messageId: 'om_card',
      chatId: GROUP_CHAT,
    });
    const response = await h.post(click);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      toast: { type: 'success', content: '已标记完成' },
      card: { type: 'raw', data: card },
    });
  });

  it('answers a slow card click with a holding toast before Lark’s deadline', async () => {
    const h = await webhook({
      cardDeadlineMs: 50,
      onCardAction: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ toast: { type: 'success', content: 'late' } }), 400),
        ),
    });
    const click = cardActionEvent({
      appId: TEST_APP_ID,
      token: VERIFICATION_TOKEN,
      operatorOpenId: ALICE.openId,
      value: {},
      messageId: 'om_c',
      chatId: GROUP_CHAT,
    });
    const started = performance.now();
    const response = await h.post(click);
    expect(performance.now() - started).toBeLessThan(300);
    expect(await response.json()).toEqual({ toast: { type: 'info', content: '正在处理，请稍候' } });
  });

  it('answers the URL challenge, which Lark sends encrypted but unsigned', async () => {
    const h = await webhook();
    const response = await h.post(urlVerificationEvent({ token: VERIFICATION_TOKEN, challenge: 'c-123' }), {
      sign: false,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('accepts signed bytes however they are formatted (the SDK re-serialises and would not)', async () => {
    const h = await webhook();
    const sealed = sealEvent(question({ eventId: 'ev_spaced' }), { encryptKey: ENCRYPT_KEY });
    const spaced = sealed.body.replace('{"encrypt":', '{ "encrypt" : ');
    const resigned = sealEvent(question(), { encryptKey: ENCRYPT_KEY });
    const headers = { ...resigned.headers };
    const { signEventBody } = await import('../../src/emulator/sign-event.js');
    headers['x-lark-signature'] = signEventBody({
      timestamp: headers['x-lark-request-timestamp']!,
      nonce: headers['x-lark-request-nonce']!,
      encryptKey: ENCRYPT_KEY,
      body: spaced,
    });
    expect((await h.postRaw(spaced, headers)).status).toBe(200);
    expect((await h.waitForMessages(1))[0]!.eventId).toBe('ev_spaced');
  });
});

describe('POST /lark/events: refused without touching state', () => {
  it('refuses a forged signature with 401', async () => {
    const h = await webhook();
    const sealed = sealEvent(question(), { encryptKey: ENCRYPT_KEY });
    const forged = { ...sealed.headers, 'x-lark-signature': 'f'.repeat(64) };
    expect((await h.postRaw(sealed.body, forged)).status).toBe(401);
    const otherKey = sealEvent(question(), { encryptKey: 'someone-elses-key' });
    expect((await h.postRaw(otherKey.body, otherKey.headers)).status).toBe(401);
    expect(h.claimKeys()).toEqual([]);
    expect(h.received).toEqual([]);
  });

  it('refuses stale and future timestamps (replays) with 401', async () => {
    const h = await webhook();
    const event = question();
    expect((await h.post(event, { now: Date.now() - 6 * 60 * 1000 })).status).toBe(401);
    expect((await h.post(event, { now: Date.now() + 6 * 60 * 1000 })).status).toBe(401);
    expect((await h.post(event, { now: Date.now() - 4 * 60 * 1000 })).status).toBe(200);
  });

  it('refuses an unsigned event and a wrong verification token with 401', async () => {
    const h = await webhook();
    expect((await h.post(question(), { sign: false })).status).toBe(401);
    expect((await h.post(question({ token: 'wrong-token' }))).status).toBe(401);
    expect((await h.post(urlVerificationEvent({ token: 'wrong-token' }), { sign: false })).status).toBe(401);
    expect(h.claimKeys()).toEqual([]);
  });

  it('refuses malformed and undecryptable bodies with 400', async () => {
    const h = await webhook();
    const { signEventBody } = await import('../../src/emulator/sign-event.js');
    const signed = (body: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = 'n1';
      return h.postRaw(body, {
        'content-type': 'application/json',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signEventBody({ timestamp, nonce, encryptKey: ENCRYPT_KEY, body }),
      });
    };
    expect((await signed('{not json')).status).toBe(400);
    expect((await signed(JSON.stringify(question()))).status).toBe(400);
    expect((await signed(JSON.stringify({ encrypt: 'AAAA' }))).status).toBe(400);
    expect((await signed(JSON.stringify({ encrypt: Buffer.alloc(48, 7).toString('base64') }))).status).toBe(
      400,
    );
    expect(h.claimKeys()).toEqual([]);
    expect(h.received).toEqual([]);
  });

  it('refuses a body over 1 MB with 413 without reading it all', async () => {
    const h = await webhook();
    const response = await h.postRaw('x'.repeat(1024 * 1024 + 1), { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(h.claimKeys()).toEqual([]);
  });

  it('answers 500 when the dedupe store fails, so Lark delivers again', async () => {
    const h = await webhook({
      claimOnce: async () => {
        throw new Error('redis down');
      },
    });
    expect((await h.post(question())).status).toBe(500);
  });
});

describe('POST /lark/events without an encrypt key', () => {
  it('checks the verification token on plain events and the challenge', async () => {
    const h = await webhook({ encryptKey: undefined });
    expect(
      await (await h.post(urlVerificationEvent({ token: VERIFICATION_TOKEN, challenge: 'p' }))).json(),
    ).toEqual({ challenge: 'p' });
    expect((await h.post(question({ token: 'forged' }))).status).toBe(401);
    expect((await h.post(question({ eventId: 'ev_plain' }))).status).toBe(200);
    expect((await h.waitForMessages(1))[0]!.eventId).toBe('ev_plain');
    const encrypted = sealEvent(question(), { encryptKey: 'x-key' });
    expect((await h.postRaw(encrypted.body, encrypted.headers)).status).toBe(400);
  });

  it('refuses to start with neither an encrypt key nor a verification token', () => {
    const dispatcher = createEventDispatcher({
      botOpenId: BOT_OPEN_ID,
      claimOnce: async () => true,
      onMessage: async () => {},
      onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
      logger: silentLogger,
    });
    expect(() => larkEventsRouter({ dispatcher, logger: silentLogger })).toThrow(
      /LARK_ENCRYPT_KEY .* or LARK_VERIFICATION_TOKEN/,
    );
  });
});

describe('sealEvent matches what the SDK expects', () => {
  it('produces a signature and ciphertext the SDK’s own dispatcher accepts', async () => {
    const seen: unknown[] = [];
    const sdkDispatcher = new lark.EventDispatcher({
      encryptKey: ENCRYPT_KEY,
      loggerLevel: lark.LoggerLevel.error,
      logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
    }).register({
      'im.message.receive_v1': async (data: unknown) => {
        seen.push(data);
        return 'handled';
      },
    });
    const sealed = sealEvent(question({ eventId: 'ev_sdk' }), { encryptKey: ENCRYPT_KEY });
    const data = Object.assign(
      Object.create({ headers: sealed.headers }) as object,
      JSON.parse(sealed.body) as object,
    );
    expect(await sdkDispatcher.invoke(data)).toBe('handled');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ event_id: 'ev_sdk', message: { chat_id: GROUP_CHAT } });
  });
});
