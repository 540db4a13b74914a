/**
 * Faults the stand-in injects into the next message requests (send, reply, patch), in order.
 * Each armed fault answers one request instead of the real handler.
 */
export type Fault =
  /** HTTP 429, code 99991400, `x-ogw-ratelimit-reset: resetSeconds`. */
  | { kind: 'rate-limit'; resetSeconds?: number }
  /** HTTP 5xx with a Lark-style body. */
  | { kind: 'server'; status?: number }
  /** HTTP 400, code 99991663: the tenant token is rejected. */
  | { kind: 'token-invalid' }
  /** Anything else: a given HTTP status and Lark code. */
  | { kind: 'lark-error'; status: number; code: number; msg?: string };

export interface FaultResponse {
  status: number;
  code: number;
  msg: string;
  headers: Record<string, string>;
}

export class FaultQueue {
  private readonly armed: Fault[] = [];

  /** Arms `count` copies of `fault` after those already armed. */
  add(count: number, fault: Fault): void {
    for (let i = 0; i < count; i++) this.armed.push(fault);
  }

  clear(): void {
    this.armed.length = 0;
  }

  pending(): number {
    return this.armed.length;
  }

  /** The response for the next armed fault, consuming it; undefined when none is armed. */
  take(): FaultResponse | undefined {
    const fault = this.armed.shift();
    if (!fault) return undefined;
    switch (fault.kind) {
      case 'rate-limit':
        return {
          status: 429,
          code: 99991400,
          msg: 'request trigger frequency limit',
          headers: { 'x-ogw-ratelimit-reset': String(fault.resetSeconds ?? 1) },
        };
      case 'server':
        return { status: fault.status ?? 500, code: 1500, msg: 'internal server error', headers: {} };
      case 'token-invalid':
        return {
          status: 400,
          code: 99991663,
          msg: 'Invalid access token for authorization. Please make a request with token attached.',
          headers: {},
        };
      case 'lark-error':
        return {
          status: fault.status,
          code: fault.code,
          msg: fault.msg ?? `injected error ${fault.code}`,
          headers: {},
        };
    }
  }
}
