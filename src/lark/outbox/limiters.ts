/**
 * Client-side send limiters. Both answer "how long until one more send is allowed" and record a
 * send when told; neither sleeps.
 */
export interface Limiter {
  waitMs(now: number): number;
  take(now: number): void;
  /** True when the limiter remembers nothing that could still hold back a send: a fresh one would act the same. */
  isIdle(now: number): boolean;
}

/**
 * Generic cell rate algorithm: one send every `1000 / ratePerSecond` ms, with up to `burst` sends
 * at once. Pacing (rather than a token bucket that refills a whole burst) keeps sends evenly spread,
 * so network jitter cannot bunch two bursts into one of Lark's one-second windows. In any one
 * second it admits at most `burst - 1 + ceil(ratePerSecond)` sends.
 */
export class Gcra implements Limiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private theoreticalArrival = Number.NEGATIVE_INFINITY;

  constructor(ratePerSecond: number, burst = 1) {
    if (!(ratePerSecond > 0) || !(burst >= 1))
      throw new RangeError(`bad rate ${ratePerSecond}/s burst ${burst}`);
    this.intervalMs = 1000 / ratePerSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  waitMs(now: number): number {
    return Math.max(0, this.theoreticalArrival - this.toleranceMs - now);
  }

  take(now: number): void {
    this.theoreticalArrival = Math.max(this.theoreticalArrival, now) + this.intervalMs;
  }

  isIdle(now: number): boolean {
    return this.theoreticalArrival <= now;
  }
}

/**
 * An exact count of sends in a trailing window (a ring of the last `limit` send times). Used for
 * the per-minute limit, where 1000 sends may go out as fast as the per-second pace allows, but a
 * token bucket refilling over the minute would admit up to twice the limit in some 60 s window.
 */
export class SlidingLog implements Limiter {
  private readonly times: number[];
  private next = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError(`bad limit ${limit} per ${windowMs} ms`);
    this.times = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  }

  waitMs(now: number): number {
    // `next` points at the oldest of the last `limit` sends.
    return Math.max(0, this.times[this.next]! + this.windowMs - now);
  }

  take(now: number): void {
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
  }

  isIdle(now: number): boolean {
    const newest = this.times[(this.next + this.limit - 1) % this.limit]!;
    return newest + this.windowMs <= now;
  }
}
