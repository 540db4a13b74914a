/**
 * Where the outbox gets its time: the current instant and a way to wait. Every wait the outbox
 * makes — pacing, backoff, rate-limit pauses, request timeouts, `drain`'s deadline — goes through
 * `sleep`, so a test can run it all on a virtual clock and assert exact instants.
 */
export interface OutboxClock {
  /** Epoch ms. */
  now(): number;
  /**
   * Resolves after `ms`, or as soon as `signal` aborts (never rejects). An aborted sleep must be
   * forgotten: a virtual clock must not later move time to it.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Date.now and unref'd timers: a pending wait never keeps the process alive by itself. */
export const systemClock: OutboxClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      signal?.addEventListener('abort', done, { once: true });
    });
  },
};
