import type { ReminderPolicy } from '../config/reminders-schema.js';
import type { LocalDate } from '../plan/types.js';
import { addDays, addWorkdays, workdayOnOrAfter } from '../plan/workdays.js';

/** A month as the progress reports name it: YYYY-MM. */
export type Month = string;

export const monthOf = (day: LocalDate): Month => day.slice(0, 7);

/** The month before `day`'s. */
export function previousMonth(day: LocalDate): Month {
  return monthOf(addDays(`${monthOf(day)}-01`, -1));
}

/** The day `month`'s request goes out: its configured day, or the next work day when that is a rest day. */
export function progressRequestDay(month: Month, dayOfMonth: number): LocalDate {
  return workdayOnOrAfter(`${month}-${String(dayOfMonth).padStart(2, '0')}`);
}

/**
 * The month whose progress request is owed at (`today`, `time`), or null: from its day and time
 * for `graceWorkdays` more work days, as a reminder is, so a replica that was down that morning
 * still asks, but a request never arrives weeks late. The previous month counts too, for a day
 * late in the month that a holiday pushes into the next (9月28日 → 10月7日 in 2023).
 */
export function progressMonthDue(
  today: LocalDate,
  time: string,
  policy: ReminderPolicy,
  graceWorkdays: number,
): Month | null {
  const setting = policy.progress_report;
  if (!setting) return null;
  for (const month of [monthOf(today), previousMonth(today)]) {
    const day = progressRequestDay(month, setting.day);
    if (today < day || (today === day && time < setting.at)) continue;
    if (today > addWorkdays(day, graceWorkdays)) continue;
    return month;
  }
  return null;
}

/** One claim per section and month: replicas split the cards, and each goes out once. */
export const progressClaimKey = (month: Month, section: string) => `progress|${month}|${section}`;

/** The month whose request day is `day` (a holiday may push last month's into this one), or null. */
export function progressRequestOn(day: LocalDate, policy: ReminderPolicy): Month | null {
  const setting = policy.progress_report;
  if (!setting) return null;
  for (const month of [monthOf(day), previousMonth(day)])
    if (progressRequestDay(month, setting.day) === day) return month;
  return null;
}
