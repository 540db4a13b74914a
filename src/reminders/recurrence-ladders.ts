import type { Recurrence } from '../plan/types.js';

/**
 * Ladders for recurring occurrences, which replace the default T-14…T-0 ladder because a
 * quarterly or monthly task repeats too often for it: 12 monthly collections × 5 reminders
 * would bury the section. Constants rather than reminders.yaml keys: the bureau's plan names
 * exactly these rhythms, and nobody has asked to tune them (move them into the schema if
 * someone does).
 * - quarterly (每季度, e.g. 6.2 政金企对接): at the quarter's first work day, and 10 work days
 *   before its end;
 * - monthly (按月): 3 work days before the month's end;
 * - half-yearly (每半年…至少1次): 30 calendar days before the half ends;
 * - yearly (每年): the default ladder, like a dated milestone.
 * Overdue repeats and escalation apply to every occurrence alike. Nothing is sent for a
 * section once it has confirmed.
 */
export type RecurrenceStep =
  | { key: string; workdaysBefore: number }
  | { key: string; daysBefore: number }
  /** The first work day of the occurrence's period (quarter, month, half-year). */
  | { key: string; periodStart: true };

export const RECURRENCE_LADDERS: Readonly<Record<Recurrence, readonly RecurrenceStep[] | 'default'>> = {
  quarter: [
    { key: 'quarter-start', periodStart: true },
    { key: 'T-10', workdaysBefore: 10 },
  ],
  month: [{ key: 'T-3', workdaysBefore: 3 }],
  'half-year': [{ key: 'T-30', daysBefore: 30 }],
  year: 'default',
};
