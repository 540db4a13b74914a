/**
 * The Open Platform's send limits as the stand-in enforces them: an exact sliding window per key
 * (app, chat, message). A sliding window is the strictest reading of "50 per second": any client
 * that passes it also passes a fixed-window gateway, so tests against it prove the most.
 */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

export class SlidingWindow {
  private readonly hits: number[] = [];

  constructor(private readonly rule: LimitRule) {}

  /** Admits and records one request, or returns the ms until a slot frees up. */
  tryAdmit(now: number): { admitted: true } | { admitted: false; retryAfterMs: number } {
    const horizon = now - this.rule.windowMs;
    while (this.hits.length > 0 && this.hits[0]! <= horizon) this.hits.shift();
    if (this.hits.length < this.rule.limit) {
      this.hits.push(now);
      return { admitted: true };
    }
    return { admitted: false, retryAfterMs: this.hits[0]! + this.rule.windowMs - now };
  }
}

/** One sliding window per key, created on first use. */
export class KeyedWindows {
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(private readonly rule: LimitRule) {}

  tryAdmit(key: string, now: number) {
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.rule);
      this.windows.set(key, window);
    }
    return window.tryAdmit(now);
  }
}
