import type { LocalDate } from '../plan/types.js';
import { workdaysBetween } from '../plan/workdays.js';
import type { OccurrenceView } from '../store/store.js';

/**
 * Confirming more than this many work days before the due date asks first (确认提前完成 / 取消):
 * "8.4 已完成" on 9/25 must not close the 11/30 milestone unasked. Text that names the occurrence
 * by its date or its line, and a button on the occurrence itself, are taken at their word.
 */
export const EARLY_WORKDAYS = 5;

export function isEarly(occurrence: OccurrenceView, today: LocalDate): boolean {
  return workdaysBetween(today, occurrence.due) > EARLY_WORKDAYS;
}
