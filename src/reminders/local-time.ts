import type { LocalDate } from '../plan/types.js';
import { dateTimeFormat, localDateAt, localTimeAt } from '../store/local-date.js';

/**
 * Instants ↔ plan-local calendar dates and clock times. The plan's dates mean "09:00 in the
 * bureau's time zone", whatever zone the server runs in; Intl does the zone arithmetic so no
 * date library is needed.
 */

export { localDateAt, localTimeAt };

/** The instant `day` at `time` (HH:MM) in `timeZone`. */
export function instantOf(day: LocalDate, time: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Guess with the offset at the wall time read as UTC, then correct once: exact except inside a
  // DST gap, which mainland China (the plan's zone) does not have.
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** How far `timeZone` is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
