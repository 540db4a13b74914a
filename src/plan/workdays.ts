import { createRequire } from 'node:module';
import type { LocalDate } from './types.js';

/**
 * The mainland-China work-day calendar: weekends are rest days except 调休 make-up days, and
 * statutory holidays are rest days. Data from the `chinese-days` package, read once into sets so
 * that a reminder sweep over a year of dates costs microseconds, not a date-library parse each.
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const holidays = new Set(Object.keys(data.holidays));
const makeUpWorkdays = new Set(Object.keys(data.workdays));
const yearsWithData = new Set([...holidays].map((d) => Number(d.slice(0, 4))));
const isWeekend = (date: LocalDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
const weekdayHolidays = [...holidays]
  .filter((d) => !isWeekend(d))
  .map(epochDay)
  .sort((x, y) => x - y);
const weekendMakeUpDays = [...makeUpWorkdays]
  .filter(isWeekend)
  .map(epochDay)
  .sort((x, y) => x - y);

/** Whether the calendar knows the holidays of `year`; beyond it only weekends are rest days. */
export function hasHolidayData(year: number): boolean {
  return yearsWithData.has(year);
}

export function isWorkday(date: LocalDate): boolean {
  if (makeUpWorkdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6;
}

/** The holiday's name ("国庆节") when `date` is a statutory holiday. */
export function holidayName(date: LocalDate): string | undefined {
  return data.holidays[date]?.split(',')[1];
}

/** `date` itself when it is a work day, else the nearest work day before it. */
export function workdayOnOrBefore(date: LocalDate): LocalDate {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, -1);
  return d;
}

/** `date` itself when it is a work day, else the nearest work day after it. */
export function workdayOnOrAfter(date: LocalDate): LocalDate {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** Moves `n` work days from `date` (negative: backwards); `date` itself need not be a work day. */
export function addWorkdays(date: LocalDate, n: number): LocalDate {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkday(d)) left--;
  }
  return d;
}

/**
 * Work days in (from, to]: how many work days `to` lies after `from`. Arithmetic, not a walk:
 * weekdays by whole weeks, then the holidays and make-up days in range by binary search, so a
 * three-year-old overdue item costs the same as yesterday's.
 */
export function workdaysBetween(from: LocalDate, to: LocalDate): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (b <= a) return 0;
  return (
    weekdaysUpTo(b) - weekdaysUpTo(a) - countIn(weekdayHolidays, a, b) + countIn(weekendMakeUpDays, a, b)
  );
}

/**
 * Weekdays (Mon–Fri) from Monday 1969-12-29 up to epoch day `day` inclusive (epoch day 0,
 * 1970-01-01, was a Thursday, the fourth day of that week): only differences are used.
 */
function weekdaysUpTo(day: number): number {
  const sinceMonday = day + 3;
  const weeks = Math.floor((sinceMonday + 1) / 7);
  return weeks * 5 + Math.min((sinceMonday + 1) % 7, 5);
}

/** Entries of a sorted array in (a, b]. */
function countIn(sorted: number[], a: number, b: number): number {
  return upperBound(sorted, b) - upperBound(sorted, a);
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function epochDay(date: LocalDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

export function dayOfWeek(date: LocalDate): number {
  return (((epochDay(date) + 4) % 7) + 7) % 7;
}
