import { createHash, timingSafeEqual } from 'node:crypto';

/** Lark signs each event; a request more than this far from our clock is refused as a replay. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

export interface SignatureHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
}

/**
 * Checks `X-Lark-Signature = hex(sha256(timestamp + nonce + encryptKey + body))` over the raw
 * bytes as received (the SDK re-serialises the parsed body instead, which breaks on any
 * difference in key order or escaping) and that the timestamp is recent. Returns why it failed,
 * or undefined when it passes.
 */
export function signatureProblem(
  headers: SignatureHeaders,
  rawBody: Buffer,
  encryptKey: string,
  nowMs: number,
  maxSkewMs = MAX_TIMESTAMP_SKEW_MS,
): string | undefined {
  const seconds = Number(headers.timestamp);
  if (!/^\d+$/.test(headers.timestamp) || !Number.isSafeInteger(seconds)) return 'timestamp is not a number';
  if (Math.abs(nowMs - seconds * 1000) > maxSkewMs) return 'timestamp is too far from now (replay?)';
  const expected = createHash('sha256')
    .update(headers.timestamp + headers.nonce + encryptKey)
    .update(rawBody)
    .digest();
  const given = /^[0-9a-f]{64}$/i.test(headers.signature) ? Buffer.from(headers.signature, 'hex') : undefined;
  if (!given || !timingSafeEqual(given, expected)) return 'signature does not match';
  return undefined;
}
