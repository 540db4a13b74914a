import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { type RunningServer, startServer } from '../../src/app/server.js';
import { readEnv } from '../../src/config/env.js';
import { cardActionEvent, messageReceiveEvent } from '../../src/emulator/events.js';
import { attachLongConnection } from '../../src/emulator/long-connection/ws-server.js';
import { sealEvent } from '../../src/emulator/sign-event.js';
import { createLarkStandIn, type LarkStandIn, type LarkStandInOptions } from '../../src/emulator/stand-in.js';
import { CONFIG_DIR } from './bot-harness.js';

export const APP_ID = 'cli_0123456789abcdef';
export const APP_SECRET = 'test-app-secret-0000';
export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';
/** The test app's keys, as postEvent and postCardAction take them. */
export const EVENT_KEYS = { appId: APP_ID, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };

/**
 * A Lark stand-in on its own port, as a real Lark would be: duban reaches it through LARK_DOMAIN,
 * by webhook or over its long connection.
 */
export async function startStandIn(
  chats: string[],
  options: Pick<LarkStandInOptions, 'longConnection' | 'users'> = {},
): Promise<{ standIn: LarkStandIn; url: string; close(): Promise<void> }> {
  const standIn = createLarkStandIn({
    appId: APP_ID,
    appSecret: APP_SECRET,
    chats: chats.map((chatId) => ({ chatId, name: chatId })),
    ...options,
  });
  const app = express();
  app.use(standIn.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  const longConnection = attachLongConnection(server, standIn);
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    standIn,
    url,
    close: async () => {
      await longConnection.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** duban with a given environment, quiet logs, no reminder schedule unless asked. */
export async function startDuban(
  vars: Record<string, string>,
  options: { reminders?: boolean; clock?: () => Date } = {},
): Promise<RunningServer> {
  const env = readEnv({ PORT: '0', CONFIG_DIR, LOG_LEVEL: 'silent', ...vars });
  return startServer({
    env,
    logger: pino({ level: 'silent' }),
    reminders: options.reminders ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
    // Local mode's clock starts where it would for the 2023 plan in any later year, whatever today is.
    localStart: new Date('2023-01-01T01:30:00Z'),
  });
}

/** The environment of a real Lark app pointed at the stand-in. */
export function larkVars(domain: string): Record<string, string> {
  return {
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_DOMAIN: domain,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  };
}

/** Records a user's message in the stand-in and posts it to duban as Lark would: encrypted and signed. */
export async function say(
  duban: { url: string },
  standIn: LarkStandIn,
  keys: { appId: string; encryptKey: string; verificationToken: string },
  input: { chatId: string; from: string; text: string; eventId?: string; parentId?: string },
): Promise<{ status: number; messageId: string }> {
  const message = standIn.controls.addUserMessage({
    chatId: input.chatId,
    senderOpenId: input.from,
    text: input.text,
  });
  const status = await postEvent(duban, keys, {
    messageId: message.messageId,
    chatId: input.chatId,
    senderOpenId: input.from,
    text: `@_user_1 ${input.text}`,
    mentions: [{ openId: standIn.botOpenId, name: '督办' }],
    ...(input.eventId ? { eventId: input.eventId } : {}),
    ...(input.parentId ? { parentId: input.parentId } : {}),
  });
  return { status, messageId: message.messageId };
}

export async function postEvent(
  duban: { url: string },
  keys: { appId: string; encryptKey: string; verificationToken: string },
  input: Omit<Parameters<typeof messageReceiveEvent>[0], 'appId' | 'token'>,
): Promise<number> {
  const event = messageReceiveEvent({ appId: keys.appId, token: keys.verificationToken, ...input });
  const sealed = sealEvent(event, { encryptKey: keys.encryptKey });
  const res = await fetch(`${duban.url}/lark/events`, {
    method: 'POST',
    headers: sealed.headers,
    body: sealed.body,
  });
  return res.status;
}

/** A message text that @-mentions the bot, as Lark encodes it: `@_user_1` plus the mention list. */
export function toBot(botOpenId: string, text: string) {
  return { text: `@_user_1 ${text}`, mentions: [{ openId: botOpenId, name: '督办' }] };
}

/** What duban answers a card click: a toast, and the card redrawn when it changed. */
export interface CardCallbackAnswer {
  toast: { type: string; content: string };
  card?: { type: string; data: unknown };
}

/** A card click posted to duban as Lark posts it: encrypted and signed. */
export async function postCardAction(
  duban: { url: string },
  input: { operatorOpenId: string; value: Record<string, unknown>; messageId: string; chatId: string },
  keys: { appId: string; encryptKey: string; verificationToken: string } = EVENT_KEYS,
): Promise<{ status: number; body: CardCallbackAnswer }> {
  const event = cardActionEvent({ appId: keys.appId, token: keys.verificationToken, ...input });
  const sealed = sealEvent(event, { encryptKey: keys.encryptKey });
  const res = await fetch(`${duban.url}/lark/events`, {
    method: 'POST',
    headers: sealed.headers,
    body: sealed.body,
  });
  return { status: res.status, body: (await res.json()) as CardCallbackAnswer };
}
