import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/bot/inbound.js';
import { cardActionEvent, messageReceiveEvent, urlVerificationEvent } from '../../src/emulator/events.js';
import { encryptEventBody, sealEvent, signEventBody } from '../../src/emulator/sign-event.js';
import { DubanError } from '../../src/errors.js';
import { type LarkEventsRouteOptions, larkEventsRouter } from '../../src/http/lark-events.js';
import { decryptEventBody } from '../../src/lark/inbound/decrypt.js';
import { createEventDispatcher } from '../../src/lark/inbound/dispatcher.js';
import { memoryClaims } from '../helpers/lark-claims.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import { ALICE, BOT_OPEN_ID, GROUP_CHAT, TEST_APP_ID } from '../helpers/lark-stand-in.js';
import {
  ENCRYPT_KEY,
  type RunningWebhook,
  startWebhook,
  VERIFICATION_TOKEN,
  type WebhookOptions,
} from '../helpers/lark-webhook.js';

let hook: RunningWebhook | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The router's clock in the tests that sign: requests are sealed at this instant. */
const NOW = Date.UTC(2024, 2, 1, 1, 0, 0);
const UNAUTHORISED = JSON.stringify({
  error: 'not a genuine Lark request (the reason is in the server log)',
});
const UNREADABLE = JSON.stringify({ error: 'unreadable body (the reason is in the server log)' });

interface Served {
  /** Posts bytes (or a stream, sent chunked with no content-length) and reads the whole answer. */
  post(body: string | ReadableStream<Uint8Array>, headers?: Record<string, string>): Promise<Answer>;
  received: Inbound[];
  /** The `reason` of each refusal the router logged, in order. */
  reasons(): string[];
  /** Every log line at warn level or above. */
  warnings(): string[];
}

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

/**
 * The router alone on a random port with a recording dispatcher and a capturing logger, for
 * options the shared webhook helper does not take (allowUnsigned) and for reading the log.
 */
async function serve(options: Omit<LarkEventsRouteOptions, 'dispatcher' | 'logger'>): Promise<Served> {
  const { logger, lines } = captureLogger();
  const received: Inbound[] = [];
  const dispatcher = createEventDispatcher({
    botOpenId: BOT_OPEN_ID,
    claimOnce: memoryClaims(() => NOW).claimOnce,
    onMessage: async (inbound) => void received.push(inbound),
    onCardAction: async () => ({ toast: { type: 'success', content: 'ok' } }),
    logger: silentLogger,
  });
  const app = express();
  app.use(larkEventsRouter({ now: () => NOW, ...options, dispatcher, logger }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
  const logged = () =>
    lines.map((line) => JSON.parse(line) as { level: number; msg: string; reason?: string });
  return {
    async post(body, headers = { 'content-type': 'application/json' }) {
      const init = { method: 'POST', headers, body, duplex: 'half' } as RequestInit;
      const res = await fetch(url, init);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    },
    received,
    reasons: () => logged().flatMap((l) => (l.reason === undefined ? [] : [l.reason])),
    warnings: () => logged().flatMap((l) => (l.level >= 40 ? [l.msg] : [])),
  };
}

/** Headers signing `body` exactly as sent, at the router's clock. */
function signedHeaders(body: string, nonce = 'nonce-1'): Record<string, string> {
  const timestamp = String(Math.floor(NOW / 1000));
  return {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signEventBody({ timestamp, nonce, encryptKey: ENCRYPT_KEY, body }),
  };
}

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
    const h = await webhook({ now: () => NOW });
    const event = question();
    expect((await h.post(event, { now: NOW - 6 * 60 * 1000 })).status).toBe(401);
    expect((await h.post(event, { now: NOW + 6 * 60 * 1000 })).status).toBe(401);
    expect((await h.post(event, { now: NOW - 4 * 60 * 1000 })).status).toBe(200);
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

  it('refuses a signed body over 1 MB with 413 without reading it all', async () => {
    const h = await webhook();
    const response = await h.postRaw('x'.repeat(1024 * 1024 + 1), signedHeaders('unused'));
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

describe('POST /lark/events: unsigned bodies are refused before any work', () => {
  const keyed = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };

  it('refuses a 1 MB unsigned body with 401 unread, though the same bytes signed are a genuine challenge', async () => {
    const s = await serve(keyed);
    const challenge = 'c'.repeat(700 * 1024);
    const sealed = sealEvent(urlVerificationEvent({ token: VERIFICATION_TOKEN, challenge }), {
      encryptKey: ENCRYPT_KEY,
      sign: false,
    });
    expect(sealed.body.length).toBeGreaterThan(900 * 1024);
    expect(await s.post(sealed.body)).toMatchObject({ status: 401, body: UNAUTHORISED });
    // Had it been decrypted, the right token would have made it a challenge to answer.
    expect(s.reasons()).toEqual(['missing signature headers (an unsigned body over 4096 bytes, not read)']);
    expect(await s.post(sealed.body, signedHeaders(sealed.body))).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ challenge }),
    });
  });

  it('refuses a 1 MB nested body streamed without a length, unread, and nothing reaches the bot', async () => {
    const s = await serve(keyed);
    const depth = 370_000;
    const nested = JSON.stringify({
      encrypt: encryptEventBody('['.repeat(depth) + ']'.repeat(depth), ENCRYPT_KEY),
    });
    expect(nested.length).toBeGreaterThan(900 * 1024);
    const answer = await s.post(new Blob([nested]).stream(), { 'content-type': 'application/json' });
    expect(answer).toMatchObject({ status: 401, body: UNAUTHORISED });
    expect(s.reasons()).toEqual(['missing signature headers (an unsigned body over 4096 bytes, not read)']);
    expect(s.received).toEqual([]);
  });

  it('answers an unsigned challenge of exactly 4096 bytes and refuses one byte more', async () => {
    const s = await serve(keyed);
    const sealed = sealEvent(urlVerificationEvent({ token: VERIFICATION_TOKEN, challenge: 'edge' }), {
      encryptKey: ENCRYPT_KEY,
      sign: false,
    });
    expect(sealed.body.length).toBeLessThan(300);
    // JSON allows trailing whitespace: the same challenge, padded to the byte.
    const padded = (size: number) => sealed.body + ' '.repeat(size - sealed.body.length);
    expect(await s.post(padded(4096))).toMatchObject({ status: 200, body: '{"challenge":"edge"}' });
    expect(await s.post(padded(4097))).toMatchObject({ status: 401, body: UNAUTHORISED });
  });
});

describe('POST /lark/events: no padding oracle', () => {
  const keyed = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };

  /** `{"encrypt": …}` of exactly `plain` with no PKCS7 padding added, so the padding can be made wrong. */
  function unpadded(plain: Buffer): string {
    const key = createHash('sha256').update(ENCRYPT_KEY).digest();
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const encrypt = Buffer.concat([iv, cipher.update(plain), cipher.final()]).toString('base64');
    return JSON.stringify({ encrypt });
  }

  /** Ciphertexts that fail at each step after decryption: padding, JSON, object, then the challenge. */
  function failingBodies() {
    // A last plaintext byte of 0 is never valid PKCS7 padding.
    const badPadding = unpadded(Buffer.from('{"type":"url_verification"}\0\0\0\0\0'));
    const encrypted = (plain: string) => JSON.stringify({ encrypt: encryptEventBody(plain, ENCRYPT_KEY) });
    return {
      badPadding,
      notJson: encrypted('{"type":"url_verification"'),
      notAnObject: encrypted('["url_verification"]'),
      notAChallenge: encrypted(JSON.stringify(question())),
    };
  }

  it('the bad-padding body really has bad padding, and the others decrypt', () => {
    const bodies = failingBodies();
    const decrypt = (body: string) =>
      decryptEventBody((JSON.parse(body) as { encrypt: string }).encrypt, ENCRYPT_KEY);
    expect(() => decrypt(bodies.badPadding)).toThrow(/bad decrypt/);
    expect(decrypt(bodies.notJson)).toBe('{"type":"url_verification"');
    expect(decrypt(bodies.notAnObject)).toBe('["url_verification"]');
  });

  it('answers every unsigned failure byte for byte alike, while the log keeps each reason', async () => {
    const s = await serve(keyed);
    const bodies = failingBodies();
    const answers = [];
    for (const body of Object.values(bodies)) answers.push(await s.post(body));
    const unsignedOversize = await s.post(' '.repeat(5000));
    const wrongToken = await s.post(
      sealEvent(urlVerificationEvent({ token: 'forged' }), { encryptKey: ENCRYPT_KEY, sign: false }).body,
    );
    const expected = { status: 401, type: 'application/json; charset=utf-8', body: UNAUTHORISED };
    expect([...answers, unsignedOversize, wrongToken]).toEqual(Array(6).fill(expected));
    expect(new Set(s.reasons()).size).toBeGreaterThan(2);
    expect(s.received).toEqual([]);
  });

  it('answers every signed but unreadable body alike with 400', async () => {
    const s = await serve(keyed);
    const bodies = [
      ...Object.values(failingBodies()).slice(0, 3),
      '{not json',
      '{"encrypt":42}',
      '{"plain":true}',
    ];
    const answers = [];
    for (const body of bodies) answers.push(await s.post(body, signedHeaders(body)));
    const expected = { status: 400, type: 'application/json; charset=utf-8', body: UNREADABLE };
    expect(answers).toEqual(Array(bodies.length).fill(expected));
    expect(s.received).toEqual([]);
  });
});

describe('POST /lark/events without an encrypt key (token-only mode)', () => {
  const dispatcher = () =>
    createEventDispatcher({
      botOpenId: BOT_OPEN_ID,
      claimOnce: async () => true,
      onMessage: async () => {},
      onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
      logger: silentLogger,
    });

  it('refuses to start with a verification token alone, naming both fixes', () => {
    const build = () =>
      larkEventsRouter({
        dispatcher: dispatcher(),
        verificationToken: VERIFICATION_TOKEN,
        logger: silentLogger,
      });
    expect(build).toThrow(DubanError);
    expect(build).toThrow(
      /without LARK_ENCRYPT_KEY cannot authenticate .* set LARK_ENCRYPT_KEY from the app’s 事件与回调 → 加密策略 .* or LARK_ALLOW_UNSIGNED=1/,
    );
    try {
      build();
    } catch (error) {
      expect((error as DubanError).badInput).toBe(true);
    }
  });

  it('refuses to start with neither an encrypt key nor a verification token, even when unsigned is allowed', () => {
    expect(() =>
      larkEventsRouter({ dispatcher: dispatcher(), logger: silentLogger, allowUnsigned: true }),
    ).toThrow(/needs LARK_ENCRYPT_KEY, from the app’s 事件与回调 → 加密策略/);
  });

  it('with allowUnsigned: warns at start, then checks the token on plain events and the challenge', async () => {
    const s = await serve({ verificationToken: VERIFICATION_TOKEN, allowUnsigned: true });
    expect(s.warnings()).toEqual([
      expect.stringMatching(/^LARK_ALLOW_UNSIGNED=1: .*no signature, no timestamp, no replay check/),
    ]);
    const plain = (payload: unknown) => s.post(JSON.stringify(payload));
    expect(await plain(urlVerificationEvent({ token: VERIFICATION_TOKEN, challenge: 'p' }))).toMatchObject({
      status: 200,
      body: '{"challenge":"p"}',
    });
    expect((await plain(question({ token: 'forged' }))).status).toBe(401);
    expect((await plain(question({ eventId: 'ev_plain' }))).status).toBe(200);
    expect(s.received.map((m) => m.eventId)).toEqual(['ev_plain']);
    const encrypted = sealEvent(question(), { encryptKey: 'x-key' });
    expect((await s.post(encrypted.body, encrypted.headers)).status).toBe(400);
  });

  it('allowUnsigned changes nothing when an encrypt key is set: unsigned events stay refused', async () => {
    const s = await serve({
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      allowUnsigned: true,
    });
    expect(s.warnings()).toEqual([]);
    expect((await s.post(JSON.stringify(question()))).status).toBe(401);
    const unsignedEvent = sealEvent(question(), { encryptKey: ENCRYPT_KEY, sign: false });
    expect((await s.post(unsignedEvent.body)).status).toBe(401);
    expect(s.received).toEqual([]);
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
