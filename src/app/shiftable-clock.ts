/**
 * Real time moved by an offset. Local mode lets a visitor "jump to 2023-09-25 09:00" to watch the
 * reminders of the reference year fire; time then runs on from there at its normal pace.
 */
export interface ShiftableClock {
  now(): Date;
  jumpTo(instant: Date): void;
  /** Back to real time. */
  reset(): void;
}

export function createShiftableClock(base: () => number = Date.now): ShiftableClock {
  let offset = 0;
  return {
    now: () => new Date(base() + offset),
    jumpTo(instant) {
      offset = instant.getTime() - base();
    },
    reset() {
      offset = 0;
    },
  };
}
