import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CardAction, Inbound } from '../../src/bot/inbound.js';
import type { CardActionResult } from '../../src/bot/reply.js';
import { type SealOptions, sealEvent } from '../../src/emulator/sign-event.js';
import { larkEventsRouter } from '../../src/http/lark-events.js';
import { type ClaimOnce, createEventDispatcher } from '../../src/lark/inbound/dispatcher.js';
import { memoryClaims } from './lark-claims.js';
import { silentLogger } from './lark-log.js';
import { BOT_OPEN_ID } from './lark-stand-in.js';

export const ENCRYPT_KEY = 'test-encrypt-key-Zq8';
export const VERIFICATION_TOKEN = 'test-verification-token-Vt1';

export interface WebhookOptions {
  encryptKey?: string;
  verificationToken?: string;
  claimOnce?: ClaimOnce;
  onMessage?: (inbound: Inbound) => Promise<void>;
  onCardAction?: (action: CardAction) => Promise<CardActionResult>;
  cardDeadlineMs?: number;
  now?: () => number;
}

export interface RunningWebhook {
  url: string;
  /** Every Inbound the bot was handed, in order. */
  received: Inbound[];
  waitForMessages(n: number): Promise<Inbound[]>;
  claimKeys(): string[];
  /** Seals `payload` like Lark (encrypted and signed with the webhook's key unless told) and posts it. */
  post(payload: unknown, seal?: SealOptions): Promise<Response>;
  postRaw(body: string, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** `/lark/events` on a random port, wired to a dispatcher that records what reaches the bot. */
export async function startWebhook(options: WebhookOptions = {}): Promise<RunningWebhook> {
  const encryptKey = 'encryptKey' in options ? options.encryptKey : ENCRYPT_KEY;
  const verificationToken = 'verificationToken' in options ? options.verificationToken : VERIFICATION_TOKEN;
  const claims = memoryClaims();
  const received: Inbound[] = [];
  const events = new EventEmitter();
  const dispatcher = createEventDispatcher({
    botOpenId: BOT_OPEN_ID,
    claimOnce: options.claimOnce ?? claims.claimOnce,
    onMessage: async (inbound) => {
      received.push(inbound);
      events.emit('message');
      await options.onMessage?.(inbound);
    },
    onCardAction: options.onCardAction ?? (async () => ({ toast: { type: 'success', content: 'ok' } })),
    logger: silentLogger,
    ...(options.cardDeadlineMs === undefined ? {} : { cardDeadlineMs: options.cardDeadlineMs }),
  });
  const app = express();
  app.use(
    larkEventsRouter({
      dispatcher,
      encryptKey,
      verificationToken,
      logger: silentLogger,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
  const postRaw = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers, body });
  return {
    url,
    received,
    async waitForMessages(n) {
      const signal = AbortSignal.timeout(3000);
      while (received.length < n) await once(events, 'message', { signal });
      return received;
    },
    claimKeys: claims.keys,
    post(payload, seal = {}) {
      const sealed = sealEvent(payload, { ...(encryptKey ? { encryptKey } : {}), ...seal });
      return postRaw(sealed.body, sealed.headers);
    },
    postRaw,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
