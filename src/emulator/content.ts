import { cardProblem, isUpdateMulti } from './card.js';

/** Lark's request-size limits for message content (bytes of the JSON string). */
export const TEXT_LIMIT_BYTES = 150 * 1024;
export const CARD_LIMIT_BYTES = 30 * 1024;

export type ParsedContent =
  | { ok: true; value: unknown; updateMulti: boolean }
  | { ok: false; code: number; msg: string };

/** Checks a message's `content` string against its `msg_type` like the send API does. */
export function parseContent(msgType: unknown, content: unknown): ParsedContent {
  if (typeof msgType !== 'string' || !['text', 'post', 'interactive', 'image', 'file'].includes(msgType))
    return {
      ok: false,
      code: 230001,
      msg: `invalid msg_type ${JSON.stringify(msgType)} (stand-in knows text, post, interactive, image, file)`,
    };
  if (typeof content !== 'string') return { ok: false, code: 230001, msg: 'content must be a JSON string' };
  const limit = msgType === 'text' ? TEXT_LIMIT_BYTES : CARD_LIMIT_BYTES;
  const size = Buffer.byteLength(content);
  if (size > limit)
    return { ok: false, code: 230025, msg: `message content is ${size} bytes, over the ${limit}-byte limit` };
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { ok: false, code: 230001, msg: 'invalid message content: not JSON' };
  }
  if (msgType === 'text' && !(isRecord(value) && typeof value.text === 'string'))
    return { ok: false, code: 230001, msg: 'text content must be {"text": "..."}' };
  if (msgType === 'image' && !(isRecord(value) && typeof value.image_key === 'string'))
    return { ok: false, code: 230001, msg: 'image content must be {"image_key": "..."}' };
  if (msgType === 'file' && !(isRecord(value) && typeof value.file_key === 'string'))
    return { ok: false, code: 230001, msg: 'file content must be {"file_key": "..."}' };
  if (msgType === 'post' && !isRecord(value))
    return { ok: false, code: 230001, msg: 'post content must be an object' };
  if (msgType === 'interactive') {
    const problem = cardProblem(value);
    if (problem) return { ok: false, code: 230099, msg: `Failed to create card content: ${problem}` };
  }
  return { ok: true, value, updateMulti: msgType === 'interactive' && isUpdateMulti(value) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
