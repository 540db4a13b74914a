import { cardActionEvent, messageReceiveEvent } from '../events.js';
import { sealEvent } from '../sign-event.js';

/**
 * What Lark does with a message or a click from the page: builds the event, encrypts and signs it
 * with the app's keys and POSTs it to the bot's event URL, so it passes the same verification,
 * dedupe and dispatch as a real delivery.
 */
export interface EventUrl {
  /** The bot's `/lark/events`, full URL. */
  url: string;
  appId: string;
  encryptKey: string;
  verificationToken: string;
}

export interface MessageDelivery {
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  senderOpenId: string;
  text: string;
  /** The bot, @-mentioned as Lark's `@_user_1`. */
  mention?: { openId: string; name: string };
  parentId?: string;
  rootId?: string;
  /** Epoch ms on the emulated clock: the message's create_time. */
  createTime: number;
}

/** Lark's answer to our POST: 200 when the bot took the event. */
export async function deliverMessage(target: EventUrl, input: MessageDelivery): Promise<number> {
  const event = messageReceiveEvent({
    appId: target.appId,
    token: target.verificationToken,
    messageId: input.messageId,
    chatId: input.chatId,
    chatType: input.chatType,
    senderOpenId: input.senderOpenId,
    text: input.mention ? `@_user_1 ${input.text}` : input.text,
    mentions: input.mention ? [input.mention] : [],
    createTime: input.createTime,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    ...(input.rootId ? { rootId: input.rootId } : {}),
  });
  const res = await post(target, event);
  await res.body?.cancel();
  return res.status;
}

export interface AttachmentDelivery {
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  senderOpenId: string;
  messageType: 'image' | 'file';
  /** Lark's content for the type: `{image_key}` or `{file_key, file_name}`. */
  content: unknown;
  createTime: number;
  /** A reply (佐证材料 for a reminder): the message answered and its thread's root. */
  parentId?: string;
  rootId?: string;
}

/** An image or file a user sent, as Lark delivers it (no mentions: such a message carries none). */
export async function deliverAttachment(target: EventUrl, input: AttachmentDelivery): Promise<number> {
  const event = messageReceiveEvent({
    appId: target.appId,
    token: target.verificationToken,
    ...input,
  });
  const res = await post(target, event);
  await res.body?.cancel();
  return res.status;
}

export interface CardClick {
  operatorOpenId: string;
  value: Record<string, unknown>;
  messageId: string;
  chatId: string;
  createTime: number;
}

/** The bot's answer to a click, as Lark receives it: `{toast, card?: {type: 'raw', data}}`. */
export interface CardAnswer {
  status: number;
  toast?: { type: string; content: string };
  card?: unknown;
}

export async function deliverCardClick(target: EventUrl, input: CardClick): Promise<CardAnswer> {
  const event = cardActionEvent({ appId: target.appId, token: target.verificationToken, ...input });
  const res = await post(target, event);
  const body = (await res.json().catch(() => ({}))) as {
    toast?: CardAnswer['toast'];
    card?: { type?: string; data?: unknown };
  };
  return {
    status: res.status,
    ...(body.toast ? { toast: body.toast } : {}),
    ...(body.card?.type === 'raw' && body.card.data !== undefined ? { card: body.card.data } : {}),
  };
}

function post(target: EventUrl, event: unknown): Promise<Response> {
  // The signature's timestamp is wall-clock time: the bot checks it against its own wall clock,
  // whatever the emulated clock says.
  const sealed = sealEvent(event, { encryptKey: target.encryptKey });
  return fetch(target.url, { method: 'POST', headers: sealed.headers, body: sealed.body });
}
