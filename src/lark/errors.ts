import { DubanError } from '../errors.js';

/**
 * What a Lark answer means for the caller. Written from Lark's documented codes rather than the
 * SDK's own classifier, which treats 99991400 and 230020 as permanent.
 */
export type LarkErrorKind =
  | 'ok'
  /** App-wide limit: HTTP 429 or code 99991400; wait `retryAfterMs` when Lark said how long. */
  | 'rate-limited'
  /** 230020: this chat (or user, or message) is sending too fast. */
  | 'chat-rate-limited'
  /** The tenant token was rejected: clear the cached one and retry once. */
  | 'token-invalid'
  /** 5xx, a timeout or a dropped connection: worth retrying with backoff. */
  | 'server'
  /** Anything that will fail the same way again: bad request, bot not in chat, no permission… */
  | 'permanent';

export interface LarkVerdict {
  kind: LarkErrorKind;
  httpStatus?: number;
  code?: number;
  msg?: string;
  retryAfterMs?: number;
}

/** 230025: the message's content is over Lark's size limit (the outbox refuses such content itself). */
export const CONTENT_TOO_LARGE_CODE = 230025;

const TOKEN_CODES = new Set([99991661, 99991663, 99991668, 99991677]);
const RATE_LIMIT_CODE = 99991400;
const CHAT_RATE_LIMIT_CODE = 230020;

/** Classifies a thrown error (AxiosError, timeout, network) or a resolved `{code, msg}` body. */
export function classifyLarkResult(outcome: unknown): LarkVerdict {
  if (isAxiosLike(outcome)) {
    const response = outcome.response;
    if (!response) return { kind: 'server', msg: outcome.message };
    const body = isRecord(response.data) ? response.data : {};
    return classifyCode(
      response.status,
      numberOrUndefined(body.code),
      stringOrUndefined(body.msg),
      response.headers,
    );
  }
  if (outcome instanceof Error) return { kind: 'server', msg: outcome.message };
  if (isRecord(outcome)) {
    return classifyCode(200, numberOrUndefined(outcome.code), stringOrUndefined(outcome.msg), undefined);
  }
  return { kind: 'permanent', msg: `unexpected Lark answer: ${String(outcome)}` };
}

export function isRetryable(verdict: LarkVerdict | LarkErrorKind): boolean {
  const kind = typeof verdict === 'string' ? verdict : verdict.kind;
  return (
    kind === 'rate-limited' || kind === 'chat-rate-limited' || kind === 'server' || kind === 'token-invalid'
  );
}

/**
 * A Lark call that failed for good (or ran out of retries); `verdict` says why. The outbox rejects
 * with one for every message it gives up on, and for content it refuses before sending (230025).
 */
export class LarkApiError extends DubanError {
  readonly verdict: LarkVerdict;
  /** Lark's numeric code (230002, 230025, 99991663…), when the answer had one. */
  readonly larkCode: number | undefined;
  /**
   * Whether trying the same message again later could succeed: true when the outbox ran out of
   * attempts on a rate limit or a server error; false for permanent answers (bot not in chat, bad
   * card, content too large…) and for a token Lark rejected again right after a refresh.
   */
  readonly retryable: boolean;

  constructor(operation: string, verdict: LarkVerdict, options: { cause?: unknown } = {}) {
    const detail = [
      verdict.httpStatus === undefined ? undefined : `HTTP ${verdict.httpStatus}`,
      verdict.code === undefined ? undefined : `code ${verdict.code}`,
      verdict.msg,
    ]
      .filter(Boolean)
      .join(', ');
    super('lark_api', `Lark ${operation} failed (${verdict.kind}${detail ? `: ${detail}` : ''})`, options);
    this.verdict = verdict;
    this.larkCode = verdict.code;
    this.retryable = isRetryable(verdict) && verdict.kind !== 'token-invalid';
  }
}

function classifyCode(
  status: number,
  code: number | undefined,
  msg: string | undefined,
  headers: unknown,
): LarkVerdict {
  const base = {
    httpStatus: status,
    ...(code === undefined ? {} : { code }),
    ...(msg === undefined ? {} : { msg }),
  };
  if (status === 429 || code === RATE_LIMIT_CODE) {
    const retryAfterMs = resetHeaderMs(headers);
    return { kind: 'rate-limited', ...base, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (code === CHAT_RATE_LIMIT_CODE) return { kind: 'chat-rate-limited', ...base };
  if (code !== undefined && TOKEN_CODES.has(code)) return { kind: 'token-invalid', ...base };
  if (status >= 500) return { kind: 'server', ...base };
  if (status >= 200 && status < 300 && code === 0) return { kind: 'ok', ...base };
  return { kind: 'permanent', ...base };
}

/** `x-ogw-ratelimit-reset` is in seconds until the window resets. */
function resetHeaderMs(headers: unknown): number | undefined {
  if (!isRecord(headers)) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('x-ogw-ratelimit-reset')
      : headers['x-ogw-ratelimit-reset'];
  const seconds = Number(raw);
  return raw !== undefined && raw !== null && raw !== '' && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

interface AxiosLike {
  isAxiosError: true;
  message: string;
  response?: { status: number; data?: unknown; headers?: unknown };
}

function isAxiosLike(value: unknown): value is AxiosLike {
  return isRecord(value) && value.isAxiosError === true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
