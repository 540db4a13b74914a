import type { OutboxClock } from './clock.js';
import type { Limiter } from './limiters.js';

/** What one attempt at a task came to. */
export type AttemptOutcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'failed'; error: unknown }
  /**
   * Try again after `afterMs`. The task's own lane always waits; `pauseApp` also holds every other
   * lane (the app-wide budget was exhausted), where a per-chat limit holds only its chat.
   */
  | { kind: 'retry'; afterMs: number; pauseApp?: boolean };

export interface SchedulerOptions {
  clock: OutboxClock;
  /** Limits every send must pass (per app). */
  appLimiters: Limiter[];
  /** A fresh limiter for each lane (per chat, user or message). */
  laneLimiter: () => Limiter;
}

interface Task {
  attempt: () => Promise<AttemptOutcome<unknown>>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  key: string;
  tasks: Task[];
  limiter: Limiter;
  busy: boolean;
  readyAt: number;
}

/**
 * One queue for all sends, split into lanes (one per chat, user or message). A lane sends one task
 * at a time, in order, so replies in a chat keep their order and a retrying message holds back
 * only its own chat. Lanes take turns; a single pump decides what goes next and sleeps until the
 * earliest moment something may, woken early by new work or a finished request.
 */
export class LaneScheduler {
  private readonly lanes = new Map<string, Lane>();
  private queued = 0;
  private inFlight = 0;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private pumping = false;
  private wake: () => void = () => {};
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: SchedulerOptions) {}

  /** Tasks queued or in flight. */
  depth(): number {
    return this.queued + this.inFlight;
  }

  /** Attempts under way (asking the shared budget, calling Lark); the rest are waiting their turn. */
  running(): number {
    return this.inFlight;
  }

  /** When the app-wide pause after a rate limit ends (epoch ms; in the past when none). */
  appPausedUntil(): number {
    return this.pausedUntil;
  }

  enqueue<T>(laneKey: string, attempt: () => Promise<AttemptOutcome<T>>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.lanes.get(laneKey);
      if (!lane) {
        lane = { key: laneKey, tasks: [], limiter: this.options.laneLimiter(), busy: false, readyAt: 0 };
        this.lanes.set(laneKey, lane);
      }
      lane.tasks.push({ attempt, resolve: resolve as (value: unknown) => void, reject });
      this.queued += 1;
      this.wake();
      void this.pump();
    });
  }

  /** Resolves true once nothing is queued or in flight, false if `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.depth() === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const deadline = new AbortController();
      const waiter = () => {
        deadline.abort();
        resolve(true);
      };
      this.idleWaiters.push(waiter);
      void this.options.clock.sleep(timeoutMs, deadline.signal).then(() => {
        if (deadline.signal.aborted) return;
        this.idleWaiters = this.idleWaiters.filter((w) => w !== waiter);
        resolve(false);
      });
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queued > 0) {
        const now = this.options.clock.now();
        const appWait = Math.max(
          this.pausedUntil - now,
          ...this.options.appLimiters.map((limiter) => limiter.waitMs(now)),
        );
        if (appWait > 0) {
          await this.pause(appWait);
          continue;
        }
        const next = this.nextLane(now);
        if (typeof next === 'number') {
          await this.pause(next);
          continue;
        }
        this.dispatch(next, now);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The lane to serve now (taking turns), or how long until one may go (Infinity: all busy). */
  private nextLane(now: number): Lane | number {
    let wait = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes.values()) {
      if (lane.busy) continue;
      if (lane.tasks.length === 0) {
        // Forget a lane only once its limiter is rested, or a chat could be sent to faster than
        // its limit by a caller awaiting each send before the next.
        if (lane.readyAt <= now && lane.limiter.isIdle(now)) this.lanes.delete(lane.key);
        continue;
      }
      const laneWait = Math.max(lane.readyAt - now, lane.limiter.waitMs(now));
      if (laneWait <= 0) {
        // Move the lane to the back of the map's order: round robin across chats.
        this.lanes.delete(lane.key);
        this.lanes.set(lane.key, lane);
        return lane;
      }
      wait = Math.min(wait, laneWait);
    }
    return wait;
  }

  private dispatch(lane: Lane, now: number): void {
    for (const limiter of this.options.appLimiters) limiter.take(now);
    lane.limiter.take(now);
    lane.busy = true;
    this.queued -= 1;
    this.inFlight += 1;
    const task = lane.tasks[0]!;
    void this.run(lane, task);
  }

  private async run(lane: Lane, task: Task): Promise<void> {
    let outcome: AttemptOutcome<unknown>;
    try {
      outcome = await task.attempt();
    } catch (error) {
      outcome = { kind: 'failed', error };
    }
    this.inFlight -= 1;
    lane.busy = false;
    if (outcome.kind === 'retry') {
      const until = this.options.clock.now() + outcome.afterMs;
      lane.readyAt = until;
      if (outcome.pauseApp) this.pausedUntil = Math.max(this.pausedUntil, until);
      this.queued += 1;
    } else {
      lane.tasks.shift();
      if (outcome.kind === 'done') task.resolve(outcome.value);
      else task.reject(outcome.error);
    }
    this.wake();
    if (this.queued > 0) void this.pump();
    if (this.depth() === 0) this.notifyIdle();
  }

  /** Sleeps `ms` (Infinity: until woken), returning early when new work or a free lane appears. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const early = new AbortController();
      this.wake = () => {
        // Cancel the timer too, so a virtual clock never moves time to a wait nobody needs.
        early.abort();
        resolve();
      };
      if (Number.isFinite(ms)) void this.options.clock.sleep(ms, early.signal).then(resolve);
    });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const notify of waiters) notify();
  }
}
