import type { LarkClient } from './client.js';
import { classifyLarkResult, LarkApiError } from './errors.js';

/** Lark's `file_type` for `im/v1/files`: `xls` for spreadsheets, `stream` for anything unlisted. */
export type LarkFileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

export interface FileUpload {
  /** The name the chat shows, e.g. 督办台账.xlsx. */
  name: string;
  bytes: Buffer;
  type: LarkFileType;
}

/**
 * Uploads a file (≤ 30 MB) with `POST /open-apis/im/v1/files` and returns its `file_key`, for a
 * message `{msg_type: 'file', content: {"file_key"}}`. Throws LarkApiError with Lark's verdict.
 */
export async function uploadFile(client: LarkClient, file: FileUpload): Promise<string> {
  const answer = await call('file upload', () =>
    client.sdk.im.file.create({ data: { file_type: file.type, file_name: file.name, file: file.bytes } }),
  );
  return keyFrom('file upload', answer?.file_key);
}

/**
 * Uploads an image (≤ 10 MB; PNG, JPEG…) for messages and cards with `POST /open-apis/im/v1/images`
 * and returns its `image_key` (a card's `img_key`, or an image message's content).
 */
export async function uploadImage(client: LarkClient, bytes: Buffer): Promise<string> {
  const answer = await call('image upload', () =>
    client.sdk.im.image.create({ data: { image_type: 'message', image: bytes } }),
  );
  return keyFrom('image upload', answer?.image_key);
}

async function call<T>(operation: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new LarkApiError(operation, classifyLarkResult(error), { cause: error });
  }
}

/**
 * The SDK returns the answer's `data`, or null when Lark answered HTTP 200 with a non-zero code
 * (its body is dropped by then), so a missing key is all that is left to report.
 */
function keyFrom(operation: string, key: string | undefined): string {
  if (typeof key === 'string' && key !== '') return key;
  throw new LarkApiError(operation, { kind: 'permanent', msg: 'Lark answered without a key' });
}
