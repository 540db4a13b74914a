import type { OutboxClock } from '../../src/lark/outbox/clock.js';

/** Lets pending promise callbacks and I/O callbacks run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * A virtual clock for the outbox and the stand-in (pass `now` to both, and this as the outbox's
 * clock). Time never passes by itself: `run(work)` moves it, and only when nothing real is under
 * way — when every watched outbox has no request in flight — and then straight to the next
 * timer. So a request takes no virtual time at all, every instant the stand-in records is the
 * instant the outbox chose, and a test can assert exact spacing however slow the machine is.
 * Timers due at the same instant fire one at a time in the order they were set, each followed by
 * whatever real work it starts.
 */
export class VirtualTime implements OutboxClock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly busy: Array<() => boolean> = [];

  constructor(startMs = Date.UTC(2023, 8, 25, 1, 0, 0)) {
    this.current = startMs;
  }

  readonly now = (): number => this.current;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        },
      };
      const cancel = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.timers.push(timer);
    });

  /** Time may move only while `isBusy()` is false (e.g. `() => outbox.inFlight() > 0`). */
  watch(isBusy: () => boolean): void {
    this.busy.push(isBusy);
  }

  /** Moves time by hand (nothing fires until `run`). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`time only moves forward; got ${ms} ms`);
    this.current += ms;
  }

  /** Timers still set (sleeps not yet over nor cancelled). */
  pending(): number {
    return this.timers.length;
  }

  /**
   * Drives time until `work` settles and returns its result. Throws when nothing is in flight,
   * no timer is set and `work` still has not settled: it never would.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.then(
      (value) => {
        settled = true;
        return value;
      },
      (error: unknown) => {
        settled = true;
        throw error;
      },
    );
    done.catch(() => undefined);
    let idleTurns = 0;
    while (!settled) {
      await turn();
      if (settled) break;
      if (this.busy.some((isBusy) => isBusy())) {
        idleTurns = 0;
        // Real I/O under way: give it real time without spinning.
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      const next = this.earliest();
      if (!next) {
        if (++idleTurns > 20)
          throw new Error('virtual time: nothing in flight, no timer set, work not settled');
        continue;
      }
      idleTurns = 0;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fire();
    }
    return done;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers)
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}
