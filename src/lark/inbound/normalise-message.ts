import type { Attachment, Inbound } from '../../bot/inbound.js';

/**
 * `im.message.receive_v1`, as the SDK's dispatcher hands it over (the v2 envelope flattened:
 * `{event_id, create_time, sender, message, …}`), → the bot's Inbound. Text and post messages,
 * and files and images (佐证材料) as attachments; the bot's own mention is stripped, other
 * mentions become `@name`; messages from bots are ignored.
 */
export type NormalisedMessage = { ok: true; inbound: Inbound } | { ok: false; reason: string };

interface RawMention {
  key?: unknown;
  id?: { open_id?: unknown };
  name?: unknown;
}

const MENTION_KEY = /@_user_\d+|@_all/g;

/**
 * No question, reply or note runs longer: the text is cut here, before any parsing, so a 40 KB
 * message costs what a 2,000-character one does (every pattern and search downstream is bounded
 * by it).
 */
export const MAX_MESSAGE_CHARS = 2_000;

export function normaliseMessage(data: unknown, botOpenId: string): NormalisedMessage {
  const event = asRecord(data);
  const message = asRecord(event.message);
  const sender = asRecord(event.sender);
  const senderOpenId = asRecord(sender.sender_id).open_id;
  const eventId = event.event_id;
  if (
    typeof eventId !== 'string' ||
    typeof message.message_id !== 'string' ||
    typeof message.chat_id !== 'string'
  )
    return { ok: false, reason: 'event without event_id, message_id or chat_id' };
  if (sender.sender_type !== 'user' || typeof senderOpenId !== 'string' || senderOpenId === botOpenId)
    return { ok: false, reason: `message from a ${String(sender.sender_type)}, not a person` };
  // Only objects: a malformed mention list (nulls, numbers) must not fail the whole event.
  const mentions = (Array.isArray(message.mentions) ? message.mentions : []).filter(
    (m): m is RawMention => typeof m === 'object' && m !== null,
  );
  const byKey = new Map(mentions.filter((m) => typeof m.key === 'string').map((m) => [m.key as string, m]));
  const render = (key: string, fallbackName?: unknown): string => {
    if (key === '@_all' || key === 'all') return '@所有人';
    const mention = byKey.get(key);
    const openId = mention?.id?.open_id ?? key;
    if (openId === botOpenId) return '';
    const name = mention?.name ?? fallbackName;
    return `@${typeof name === 'string' && name !== '' ? name : key}`;
  };
  const content = parseJson(message.content);
  let text: string;
  let attachments: Attachment[] = [];
  if (message.message_type === 'text') {
    text =
      typeof content.text === 'string'
        ? cut(content.text, MAX_MESSAGE_CHARS * 2).replace(MENTION_KEY, (key) => render(key))
        : '';
  } else if (message.message_type === 'post') {
    text = postText(content, render);
    attachments = postImages(content);
  } else if (message.message_type === 'file' || message.message_type === 'image') {
    text = '';
    const attachment = attachmentOf(message.message_type, content);
    if (!attachment) return { ok: false, reason: `${message.message_type} message without its key` };
    attachments = [attachment];
  } else {
    return { ok: false, reason: `message type ${String(message.message_type)} is not text or post` };
  }
  const seen = new Set<string>();
  const others: Inbound['mentions'] = [];
  for (const m of mentions) {
    const openId = m.id?.open_id;
    if (typeof openId !== 'string' || openId === botOpenId || seen.has(openId)) continue;
    seen.add(openId);
    others.push({ openId, name: typeof m.name === 'string' ? m.name : '' });
  }
  const inbound: Inbound = {
    eventId,
    messageId: message.message_id,
    chatId: message.chat_id,
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    sender: { openId: senderOpenId, type: 'user' },
    text: cut(tidy(cut(text, MAX_MESSAGE_CHARS * 2)), MAX_MESSAGE_CHARS),
    mentions: others,
    mentionsBot: mentions.some((m) => m.id?.open_id === botOpenId),
    createTime: epochMs(message.create_time ?? event.create_time),
  };
  if (attachments.length > 0) inbound.attachments = attachments;
  if (typeof message.parent_id === 'string' && message.parent_id !== '') inbound.parentId = message.parent_id;
  if (typeof message.root_id === 'string' && message.root_id !== '') inbound.rootId = message.root_id;
  return { ok: true, inbound };
}

/** A post's title and paragraphs as plain text; `at` elements rendered like text mentions. */
function postText(content: Record<string, unknown>, render: (key: string, name?: unknown) => string): string {
  // Received posts are `{title, content}`; sent ones may be wrapped in a locale (`{zh_cn: {…}}`).
  const post = Array.isArray(content.content)
    ? content
    : asRecord(Object.values(content).find((v) => Array.isArray(asRecord(v).content)));
  const lines: string[] = [];
  if (typeof post.title === 'string' && post.title.trim() !== '') lines.push(post.title);
  for (const paragraph of Array.isArray(post.content) ? post.content : []) {
    if (!Array.isArray(paragraph)) continue;
    const parts = paragraph.map((raw) => {
      const el = asRecord(raw);
      if (el.tag === 'at') return render(String(el.user_id ?? ''), el.user_name);
      if (el.tag === 'text' || el.tag === 'a' || el.tag === 'code_block' || el.tag === 'md')
        return typeof el.text === 'string' ? el.text.replace(MENTION_KEY, (key) => render(key)) : '';
      return '';
    });
    lines.push(parts.join(''));
  }
  return lines.join('\n');
}

/** A file message's `{file_key, file_name}` or an image message's `{image_key}`. */
function attachmentOf(type: 'file' | 'image', content: Record<string, unknown>): Attachment | undefined {
  const key = type === 'file' ? content.file_key : content.image_key;
  if (typeof key !== 'string' || key === '' || key.length > 200) return undefined;
  const name =
    type === 'file' && typeof content.file_name === 'string' ? cut(content.file_name, 200) : '图片';
  return { kind: type, key, name };
}

/** Pictures pasted into a post ("已完成" with a photo of the report), at most a few. */
const MAX_ATTACHMENTS = 9;

function postImages(content: Record<string, unknown>): Attachment[] {
  const post = Array.isArray(content.content)
    ? content
    : asRecord(Object.values(content).find((v) => Array.isArray(asRecord(v).content)));
  const found: Attachment[] = [];
  for (const paragraph of Array.isArray(post.content) ? post.content : [])
    for (const raw of Array.isArray(paragraph) ? paragraph : []) {
      const el = asRecord(raw);
      if (el.tag === 'img' && found.length < MAX_ATTACHMENTS) {
        const image = attachmentOf('image', el);
        if (image) found.push(image);
      }
    }
  return found;
}

/** The first `max` characters (UTF-16 units; a surrogate pair cut in half is dropped). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** Collapse the spaces a stripped mention leaves behind; keep line breaks. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lark sends ms as a string; some events carry µs or s. */
function epochMs(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return Date.now();
  if (n > 1e14) return Math.floor(n / 1000);
  if (n < 1e11) return n * 1000;
  return n;
}

function parseJson(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    return asRecord(JSON.parse(value));
  } catch {
    return {};
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
