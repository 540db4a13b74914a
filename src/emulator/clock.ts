/**
 * A clock tests can move by hand. The stand-in, the outbox and their rate limiters all read time
 * through a `now()` function, so one manual clock shared between them makes retries, token expiry
 * and rate windows deterministic without real sleeps.
 */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createManualClock(startMs = Date.UTC(2023, 2, 1, 1, 0, 0)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`a clock only moves forward; got ${ms} ms`);
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}
