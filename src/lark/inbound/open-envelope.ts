import { timingSafeEqual } from 'node:crypto';
import { decryptEventBody } from './decrypt.js';
import { MAX_TIMESTAMP_SKEW_MS, signatureProblem } from './verify-signature.js';

export interface EnvelopeConfig {
  encryptKey?: string;
  verificationToken?: string;
  maxSkewMs?: number;
}

export type EnvelopeResult =
  /** Forged, stale or wrong token → 401; malformed or undecryptable → 400. Touch nothing. */
  | { kind: 'reject'; status: 400 | 401; reason: string }
  /** Lark's URL verification: answer `{challenge}`. */
  | { kind: 'challenge'; challenge: string }
  /** A verified, decrypted event (or card callback) as Lark's JSON. */
  | { kind: 'event'; payload: Record<string, unknown> };

type Headers = Record<string, string | string[] | undefined>;

/**
 * Everything between the raw HTTP body and a trusted event, with no HTTP in it: signature and
 * replay window (over the exact bytes, before anything is parsed), decryption, the verification
 * token, and the URL challenge — which Lark sends without signature headers, so it is the one
 * unsigned body accepted, and only with the right token.
 */
export function openEnvelope(
  raw: Buffer,
  headers: Headers,
  config: EnvelopeConfig,
  nowMs: number,
): EnvelopeResult {
  const signature = signatureHeaders(headers);
  if (config.encryptKey && signature) {
    const problem = signatureProblem(
      signature,
      raw,
      config.encryptKey,
      nowMs,
      config.maxSkewMs ?? MAX_TIMESTAMP_SKEW_MS,
    );
    if (problem) return reject(401, problem);
  }
  const outer = parseObject(raw.toString('utf8'));
  if (!outer) return reject(400, 'body is not a JSON object');
  let payload = outer;
  if (config.encryptKey) {
    if (typeof outer.encrypt !== 'string') return reject(400, 'expected an encrypted body ({"encrypt": …})');
    let plain: string;
    try {
      plain = decryptEventBody(outer.encrypt, config.encryptKey);
    } catch {
      return reject(400, 'body cannot be decrypted with LARK_ENCRYPT_KEY');
    }
    const inner = parseObject(plain);
    if (!inner) return reject(400, 'decrypted body is not a JSON object');
    payload = inner;
  } else if ('encrypt' in outer) {
    return reject(400, 'body is encrypted but LARK_ENCRYPT_KEY is not set');
  }
  const isChallenge = payload.type === 'url_verification';
  if (config.encryptKey && !signature && !isChallenge) return reject(401, 'missing signature headers');
  if (config.verificationToken && !sameSecret(tokenOf(payload), config.verificationToken))
    return reject(401, 'verification token does not match');
  if (isChallenge) {
    return typeof payload.challenge === 'string'
      ? { kind: 'challenge', challenge: payload.challenge }
      : reject(400, 'url_verification without a challenge');
  }
  return { kind: 'event', payload };
}

/** v2 events carry the token in `header.token`; v1 events and the challenge at the top. */
function tokenOf(payload: Record<string, unknown>): unknown {
  const header = payload.header;
  if (typeof header === 'object' && header !== null && 'token' in header)
    return (header as { token: unknown }).token;
  return payload.token;
}

function signatureHeaders(headers: Headers) {
  const timestamp = single(headers['x-lark-request-timestamp']);
  const nonce = single(headers['x-lark-request-nonce']);
  const signature = single(headers['x-lark-signature']);
  return timestamp !== undefined && nonce !== undefined && signature !== undefined
    ? { timestamp, nonce, signature }
    : undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function reject(status: 400 | 401, reason: string): EnvelopeResult {
  return { kind: 'reject', status, reason };
}
