import { instantOf } from '../reminders/local-time.js';
import { localDateAt } from '../store/local-date.js';

/**
 * Real time moved by an offset. Local mode lets a visitor "jump to 2023-09-25 09:00" to watch the
 * reminders of the reference year fire; time then runs on from there at its normal pace.
 */
export interface ShiftableClock {
  now(): Date;
  /** Moves to `instant`; refused (false) when it lies before the clock's now: time runs forward. */
  jumpTo(instant: Date): boolean;
  /** Back to real time. */
  reset(): void;
}

export function createShiftableClock(base: () => number = Date.now, startAt?: Date): ShiftableClock {
  let offset = startAt ? startAt.getTime() - base() : 0;
  return {
    now: () => new Date(base() + offset),
    jumpTo(instant) {
      if (instant.getTime() < base() + offset) return false;
      offset = instant.getTime() - base();
      return true;
    },
    reset() {
      offset = 0;
    },
  };
}

/**
 * Where local mode's clock starts: 1 January of the plan's year, 09:30 in the plan's time zone,
 * when today lies outside that year — so a visitor can move forward to any day of the plan
 * (the clock never runs backwards) and the start finds nothing years overdue. A plan for the
 * current year starts at the real time (undefined).
 */
export function localModeStart(planYear: number, timeZone: string, now: Date): Date | undefined {
  if (Number(localDateAt(now, timeZone).slice(0, 4)) === planYear) return undefined;
  return instantOf(`${planYear}-01-01`, '09:30', timeZone);
}
