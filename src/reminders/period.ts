import { lastDayOfMonth, localDate } from '../plan/dates.js';
import type { LocalDate, Recurrence } from '../plan/types.js';
import { addDays, dayOfWeek } from '../plan/workdays.js';

/** The calendar period of a recurrence that contains `date`. */
export interface PeriodBounds {
  start: LocalDate;
  end: LocalDate;
  /** First day of the period's last month: a recurring occurrence falls due in that month. */
  lastMonthStart: LocalDate;
}

const MONTHS: Record<Recurrence, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

export function periodOf(every: Recurrence, date: LocalDate): PeriodBounds {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const length = MONTHS[every];
  const first = Math.floor((month - 1) / length) * length + 1;
  const last = first + length - 1;
  return {
    start: localDate(year, first, 1),
    end: localDate(year, last, lastDayOfMonth(year, last)),
    lastMonthStart: localDate(year, last, 1),
  };
}

/** Monday of the ISO week holding `day`: the week's identity in claims and message keys. */
export function weekStart(day: LocalDate): LocalDate {
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}
