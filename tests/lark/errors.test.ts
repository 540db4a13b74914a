import { describe, expect, it } from 'vitest';
import { classifyLarkResult, isRetryable, LarkApiError, type LarkErrorKind } from '../../src/lark/errors.js';

/** An error shaped like the AxiosError the SDK throws for a non-2xx answer. */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    isAxiosError: true as const,
    response: { status, data, headers },
  });
}

const cases: Array<{
  name: string;
  outcome: unknown;
  kind: LarkErrorKind;
  retryAfterMs?: number;
  code?: number;
}> = [
  { name: '2xx code 0', outcome: { code: 0, msg: 'success', data: {} }, kind: 'ok', code: 0 },
  {
    name: '429 with x-ogw-ratelimit-reset',
    outcome: httpError(429, { code: 99991400, msg: 'limit' }, { 'x-ogw-ratelimit-reset': '3' }),
    kind: 'rate-limited',
    retryAfterMs: 3000,
    code: 99991400,
  },
  { name: '429 without a header', outcome: httpError(429, { code: 99991400 }), kind: 'rate-limited' },
  {
    name: '400 with 99991400 (older APIs)',
    outcome: httpError(400, { code: 99991400 }),
    kind: 'rate-limited',
  },
  { name: '2xx body with 99991400', outcome: { code: 99991400, msg: 'limit' }, kind: 'rate-limited' },
  {
    name: '230020 chat limit',
    outcome: httpError(400, { code: 230020, msg: 'chat' }),
    kind: 'chat-rate-limited',
  },
  { name: '99991663 invalid token', outcome: httpError(400, { code: 99991663 }), kind: 'token-invalid' },
  { name: '99991661 missing token', outcome: httpError(400, { code: 99991661 }), kind: 'token-invalid' },
  { name: '99991677 expired token', outcome: httpError(400, { code: 99991677 }), kind: 'token-invalid' },
  { name: '500', outcome: httpError(500, { code: 1500 }), kind: 'server' },
  { name: '502 with an HTML body', outcome: httpError(502, '<html>bad gateway</html>'), kind: 'server' },
  {
    name: 'connection refused (no response)',
    outcome: Object.assign(new Error('connect ECONNREFUSED'), { isAxiosError: true as const }),
    kind: 'server',
  },
  { name: 'a timeout', outcome: new Error('no answer from Lark within 15000 ms'), kind: 'server' },
  {
    name: '230002 bot not in chat',
    outcome: httpError(400, { code: 230002 }),
    kind: 'permanent',
    code: 230002,
  },
  { name: '230013 user out of reach', outcome: httpError(400, { code: 230013 }), kind: 'permanent' },
  { name: '230099 bad card', outcome: httpError(400, { code: 230099 }), kind: 'permanent' },
  { name: '230025 too large', outcome: httpError(400, { code: 230025 }), kind: 'permanent' },
  { name: '10014 wrong secret', outcome: httpError(400, { code: 10014 }), kind: 'permanent' },
  { name: '99991672 scope not enabled', outcome: httpError(400, { code: 99991672 }), kind: 'permanent' },
  { name: '2xx body with 230002', outcome: { code: 230002, msg: 'bot not in chat' }, kind: 'permanent' },
  { name: 'something that is not an answer', outcome: 'surprise', kind: 'permanent' },
];

describe('classifyLarkResult', () => {
  it.each(cases)('$name → $kind', ({ outcome, kind, retryAfterMs, code }) => {
    const verdict = classifyLarkResult(outcome);
    expect(verdict.kind).toBe(kind);
    if (retryAfterMs !== undefined) expect(verdict.retryAfterMs).toBe(retryAfterMs);
    if (code !== undefined) expect(verdict.code).toBe(code);
  });

  it('reads the reset header from axios-style header objects with get()', () => {
    const headers = { get: (name: string) => (name === 'x-ogw-ratelimit-reset' ? '2' : undefined) };
    const error = Object.assign(new Error('429'), {
      isAxiosError: true as const,
      response: { status: 429, data: { code: 99991400 }, headers },
    });
    expect(classifyLarkResult(error).retryAfterMs).toBe(2000);
  });
});

describe('isRetryable', () => {
  it.each([
    ['rate-limited', true],
    ['chat-rate-limited', true],
    ['server', true],
    ['token-invalid', true],
    ['permanent', false],
    ['ok', false],
  ] as const)('%s → %s', (kind, expected) => {
    expect(isRetryable(kind)).toBe(expected);
    expect(isRetryable({ kind })).toBe(expected);
  });
});

describe('LarkApiError', () => {
  it('names the operation, the kind, the status and the code', () => {
    const error = new LarkApiError('send', {
      kind: 'permanent',
      httpStatus: 400,
      code: 230002,
      msg: 'Bot is not in the chat.',
    });
    expect(error.message).toBe(
      'Lark send failed (permanent: HTTP 400, code 230002, Bot is not in the chat.)',
    );
    expect(error.code).toBe('lark_api');
    expect(error.verdict.code).toBe(230002);
  });

  it.each([
    [{ kind: 'permanent', code: 230002 }, false],
    [{ kind: 'permanent', code: 230025 }, false],
    [{ kind: 'permanent', code: 230099 }, false],
    [{ kind: 'token-invalid', code: 99991663 }, false],
    [{ kind: 'server', code: 1500 }, true],
    [{ kind: 'server' }, true],
    [{ kind: 'rate-limited', code: 99991400 }, true],
    [{ kind: 'chat-rate-limited', code: 230020 }, true],
  ] as const)('%o → retryable %s, larkCode from the verdict', (verdict, retryable) => {
    const error = new LarkApiError('send', verdict);
    expect(error.retryable).toBe(retryable);
    expect(error.larkCode).toBe('code' in verdict ? verdict.code : undefined);
  });
});
