import type { Readable } from 'node:stream';
import type { LarkClient } from './client.js';
import { classifyLarkResult, LarkApiError } from './errors.js';

/** Lark serves resources up to 100 MB; more than that is not a file a user sent. */
const DOWNLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * The bytes of an image or file a message carries, through `GET /open-apis/im/v1/messages/
 * {message_id}/resources/{key}?type=image|file` (scope im:resource). `type` is `image` for an
 * image message's `image_key`, `file` for a file message's `file_key`. Throws LarkApiError with
 * Lark's verdict (234003: the key is not in that message).
 */
export async function downloadResource(
  client: LarkClient,
  messageId: string,
  key: string,
  type: 'image' | 'file',
): Promise<Buffer> {
  let stream: Readable;
  try {
    const answer = await client.sdk.im.messageResource.get({
      path: { message_id: messageId, file_key: key },
      params: { type },
    });
    stream = answer.getReadableStream();
  } catch (error) {
    throw new LarkApiError('resource download', classifyLarkResult(await withErrorBody(error)), {
      cause: error,
    });
  }
  return readAll(stream);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > DOWNLOAD_LIMIT_BYTES) {
      stream.destroy();
      throw new LarkApiError('resource download', {
        kind: 'permanent',
        msg: `the resource is over ${DOWNLOAD_LIMIT_BYTES} bytes`,
      });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The SDK asks for a stream, so on an error axios hands back the body unread; read it as JSON so
 * the classifier sees Lark's `code` and `msg`.
 */
async function withErrorBody(error: unknown): Promise<unknown> {
  const response = (error as { response?: { data?: unknown } } | undefined)?.response;
  const body = response?.data as Readable | undefined;
  if (!response || typeof body?.[Symbol.asyncIterator] !== 'function') return error;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    response.data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    response.data = undefined;
  }
  return error;
}
