import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals an event the way Lark delivers it, so tests and local mode's web page post events that
 * the real verification path accepts: with an encrypt key the JSON is AES-256-CBC encrypted
 * (key = SHA-256(encryptKey), body `{"encrypt": base64(IV ‖ ciphertext)}`) and signed with
 * `X-Lark-Signature = hex(sha256(timestamp + nonce + encryptKey + body))` over the exact body bytes.
 */
export interface SealedEvent {
  body: string;
  headers: Record<string, string>;
}

export interface SealOptions {
  encryptKey?: string;
  /** Epoch ms used for `X-Lark-Request-Timestamp` (which is in seconds). Default: Date.now(). */
  now?: number;
  nonce?: string;
  /** Lark does not sign the URL-verification challenge; set false to mimic that. Default true. */
  sign?: boolean;
}

export function sealEvent(payload: unknown, options: SealOptions = {}): SealedEvent {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!options.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: encryptEventBody(plain, options.encryptKey) });
  if (options.sign === false) return { body, headers };
  const timestamp = String(Math.floor((options.now ?? Date.now()) / 1000));
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      ...headers,
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signEventBody({ timestamp, nonce, encryptKey: options.encryptKey, body }),
    },
  };
}

export function encryptEventBody(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function signEventBody(input: {
  timestamp: string;
  nonce: string;
  encryptKey: string;
  body: string | Buffer;
}): string {
  return createHash('sha256')
    .update(input.timestamp + input.nonce + input.encryptKey)
    .update(input.body)
    .digest('hex');
}
