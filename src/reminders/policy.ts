import type { ReminderPolicy } from '../config/reminders-schema.js';
import type { Occurrence } from '../plan/occurrence.js';
import type { LocalDate } from '../plan/types.js';
import { addDays, isWorkday } from '../plan/workdays.js';
import { beforeRules, overdueRule, type Rule, stageDay } from './rules.js';
import { KIND_RANK, type Stage } from './stage.js';

/**
 * The reminder policy, pure: which stages an occurrence gets and on which work days.
 *
 * - Before: the ladder (default T-14, T-7, T-3, T-1, T-0) counted in work days back from the due
 *   date — or from the work day before it when the due date is a rest day — or, with
 *   `ladder_unit: days`, in calendar days moved back onto a work day. Recurring occurrences use
 *   their own ladders (recurrence-ladders.ts).
 * - After: every `repeat_every_workdays` work days overdue a repeat, and at
 *   `escalate_after_workdays` one escalation; repeats after it carry the 分管领导 too.
 * Every stage falls on a work day of the Chinese calendar (调休 Saturdays included, holidays
 * never). Two stages on one day collapse to the more urgent one.
 */
export function stagesFor(
  occurrence: Pick<Occurrence, 'due' | 'every'>,
  policy: ReminderPolicy,
  window: { from?: LocalDate; through: LocalDate },
): Stage[] {
  const byDay = new Map<LocalDate, Stage>();
  const add = (rule: Rule, day: LocalDate) => {
    if (day > window.through || (window.from !== undefined && day < window.from)) return;
    const stage: Stage = {
      key: rule.key,
      day,
      kind: rule.kind,
      escalated: rule.measure === 'after' && rule.escalated,
    };
    const existing = byDay.get(day);
    if (!existing || KIND_RANK[stage.kind] >= KIND_RANK[existing.kind]) byDay.set(day, stage);
  };
  // Far to near, so that on a shared day the nearer step (T-0 over T-1) is the one kept.
  const before = beforeRules(occurrence.every, policy)
    .map((rule) => ({ rule, day: stageDay(rule, occurrence.due) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const { rule, day } of before) add(rule, day);
  // Overdue: walk the work days after the due date once instead of addWorkdays per stage.
  let day = occurrence.due;
  for (let n = 1; ; n++) {
    day = addDays(day, 1);
    while (!isWorkday(day)) day = addDays(day, 1);
    if (day > window.through) break;
    const rule = overdueRule(n, policy);
    if (rule) add(rule, day);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The stage of `occurrence` on `day`, if any. */
export function stageOn(
  occurrence: Pick<Occurrence, 'due' | 'every'>,
  policy: ReminderPolicy,
  day: LocalDate,
): Stage | undefined {
  return stagesFor(occurrence, policy, { from: day, through: day })[0];
}
