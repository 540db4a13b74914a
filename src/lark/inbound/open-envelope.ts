import { timingSafeEqual } from 'node:crypto';
import { decryptEventBody } from './decrypt.js';
import { MAX_TIMESTAMP_SKEW_MS, type SignatureHeaders, signatureProblem } from './verify-signature.js';

/**
 * The most an unsigned body may weigh when an encrypt key is set. Lark's URL challenge, the one
 * body it sends unsigned, is about 200 bytes; anything bigger is refused before it is parsed or
 * decrypted, so unauthenticated senders cannot make us spend time on large bodies.
 */
export const UNSIGNED_BODY_LIMIT_BYTES = 4 * 1024;

export interface EnvelopeConfig {
  encryptKey?: string;
  verificationToken?: string;
  maxSkewMs?: number;
}

export type EnvelopeResult =
  /**
   * Forged, stale, unsigned or wrong token → 401; malformed or undecryptable → 400. Touch nothing.
   * `reason` is for the log only: the HTTP answer must not say which check failed (see `openUnsigned`).
   */
  | { kind: 'reject'; status: 400 | 401; reason: string }
  /** Lark's URL verification: answer `{challenge}`. */
  | { kind: 'challenge'; challenge: string }
  /** A verified, decrypted event (or card callback) as Lark's JSON. */
  | { kind: 'event'; payload: Record<string, unknown> };

type Headers = Record<string, string | string[] | undefined>;
type Payload = Record<string, unknown>;

/**
 * True when an encrypt key is set and the request has no signature headers: then it can only be
 * the URL challenge, so the caller reads at most UNSIGNED_BODY_LIMIT_BYTES of it.
 */
export function isUnsigned(headers: Headers, config: EnvelopeConfig): boolean {
  return Boolean(config.encryptKey) && !signatureHeaders(headers);
}

/**
 * Everything between the raw HTTP body and a trusted event, with no HTTP in it. With an encrypt
 * key: the signature and replay window over the exact bytes, before anything is parsed or
 * decrypted; the URL challenge — which Lark sends without signature headers — is the one unsigned
 * body accepted, only small and only with the right token. Without one (token-only mode, which the
 * router allows only when told): the verification token alone.
 */
export function openEnvelope(
  raw: Buffer,
  headers: Headers,
  config: EnvelopeConfig,
  nowMs: number,
): EnvelopeResult {
  const { encryptKey } = config;
  if (!encryptKey) return openPlain(raw, config);
  const signature = signatureHeaders(headers);
  if (!signature) return openUnsigned(raw, encryptKey, config);
  const problem = signatureProblem(
    signature,
    raw,
    encryptKey,
    nowMs,
    config.maxSkewMs ?? MAX_TIMESTAMP_SKEW_MS,
  );
  if (problem) return reject(401, problem);
  const payload = decryptObject(raw, encryptKey);
  // One reason for every way a body can be unreadable: bad padding, not JSON, not an object.
  if (!payload) return reject(400, UNREADABLE);
  return tokenChecked(payload, config) ?? classify(payload);
}

const UNREADABLE = 'body is not {"encrypt": …} that LARK_ENCRYPT_KEY decrypts into a JSON object';

/**
 * An unsigned body while an encrypt key is set: only the URL challenge is accepted. Every refusal
 * here is a 401 (and the router answers every 401 with the same body), whatever the reason: an
 * unauthenticated sender who could tell bad padding from a bad plaintext could decrypt captured
 * events block by block (a CBC padding oracle).
 */
function openUnsigned(raw: Buffer, encryptKey: string, config: EnvelopeConfig): EnvelopeResult {
  if (raw.length > UNSIGNED_BODY_LIMIT_BYTES)
    return reject(
      401,
      `missing signature headers (an unsigned body over ${UNSIGNED_BODY_LIMIT_BYTES} bytes)`,
    );
  const payload = decryptObject(raw, encryptKey);
  if (!payload) return reject(401, `missing signature headers (and ${UNREADABLE})`);
  if (payload.type !== 'url_verification') return reject(401, 'missing signature headers');
  const refused = tokenChecked(payload, config);
  if (refused) return refused;
  return typeof payload.challenge === 'string'
    ? { kind: 'challenge', challenge: payload.challenge }
    : reject(401, 'unsigned url_verification without a challenge');
}

/** No encrypt key: Lark sends plain JSON, unsigned; the verification token is all there is. */
function openPlain(raw: Buffer, config: EnvelopeConfig): EnvelopeResult {
  const payload = parseObject(raw.toString('utf8'));
  if (!payload) return reject(400, 'body is not a JSON object');
  if ('encrypt' in payload) return reject(400, 'body is encrypted but LARK_ENCRYPT_KEY is not set');
  return tokenChecked(payload, config) ?? classify(payload);
}

/** The URL challenge or an event, once everything else has passed. */
function classify(payload: Payload): EnvelopeResult {
  if (payload.type !== 'url_verification') return { kind: 'event', payload };
  return typeof payload.challenge === 'string'
    ? { kind: 'challenge', challenge: payload.challenge }
    : reject(400, 'url_verification without a challenge');
}

/** A refusal when a verification token is configured and the payload's does not match it. */
function tokenChecked(payload: Payload, config: EnvelopeConfig): EnvelopeResult | undefined {
  if (!config.verificationToken || sameSecret(tokenOf(payload), config.verificationToken)) return undefined;
  return reject(401, 'verification token does not match');
}

/** `{"encrypt": …}` decrypted and parsed, or undefined however it fails (never saying how). */
function decryptObject(raw: Buffer, encryptKey: string): Payload | undefined {
  const outer = parseObject(raw.toString('utf8'));
  if (typeof outer?.encrypt !== 'string') return undefined;
  let plain: string;
  try {
    plain = decryptEventBody(outer.encrypt, encryptKey);
  } catch {
    return undefined;
  }
  return parseObject(plain);
}

/** v2 events carry the token in `header.token`; v1 events and the challenge at the top. */
function tokenOf(payload: Payload): unknown {
  const header = payload.header;
  if (typeof header === 'object' && header !== null && 'token' in header)
    return (header as { token: unknown }).token;
  return payload.token;
}

function signatureHeaders(headers: Headers): SignatureHeaders | undefined {
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

function parseObject(text: string): Payload | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Payload)
      : undefined;
  } catch {
    return undefined;
  }
}

function reject(status: 400 | 401, reason: string): EnvelopeResult {
  return { kind: 'reject', status, reason };
}
