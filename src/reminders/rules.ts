import type { ReminderPolicy } from '../config/reminders-schema.js';
import type { LocalDate, Recurrence } from '../plan/types.js';
import { addDays, addWorkdays, isWorkday, workdayOnOrAfter, workdayOnOrBefore } from '../plan/workdays.js';
import { periodOf } from './period.js';
import { RECURRENCE_LADDERS } from './recurrence-ladders.js';

/**
 * A ladder rule maps an occurrence's due date to the work day of one stage. Every rule is
 * monotone in the due date, so the due dates that put a stage on a given day form one interval:
 * `dueWindow` gives it, and the sweep asks the store for the occurrences due in exactly those
 * windows instead of working out every occurrence's stages.
 */
export type Rule =
  | { key: string; kind: 'before' | 'due'; measure: 'workdays' | 'days'; n: number }
  | { key: string; kind: 'before'; measure: 'period-start'; every: Recurrence }
  | { key: string; kind: 'overdue' | 'escalation'; measure: 'after'; n: number; escalated: boolean };

/** The rules before and on the due day for an occurrence recurring `every` (null: dated). */
export function beforeRules(every: Recurrence | null, policy: ReminderPolicy): Rule[] {
  const steps = every === null ? 'default' : RECURRENCE_LADDERS[every];
  if (steps === 'default')
    return policy.ladder.map((n) => ({
      key: `T-${n}`,
      kind: n === 0 ? 'due' : 'before',
      measure: policy.ladder_unit,
      n,
    }));
  return steps.map((step): Rule => {
    if ('periodStart' in step)
      return { key: step.key, kind: 'before', measure: 'period-start', every: every! };
    if ('workdaysBefore' in step)
      return { key: step.key, kind: 'before', measure: 'workdays', n: step.workdaysBefore };
    return { key: step.key, kind: 'before', measure: 'days', n: step.daysBefore };
  });
}

/** Every before-rule any occurrence may use: the union the sweep must look up. */
export function allBeforeRules(policy: ReminderPolicy): Rule[] {
  const everies: (Recurrence | null)[] = [null, 'month', 'quarter', 'half-year', 'year'];
  const seen = new Map<string, Rule>();
  for (const rule of everies.flatMap((e) => beforeRules(e, policy))) seen.set(ruleIdentity(rule), rule);
  return [...seen.values()];
}

/** The work day after which an occurrence counts as escalated (at least the first overdue day). */
export function escalateAfter(policy: ReminderPolicy): number {
  return Math.max(1, policy.overdue.escalate_after_workdays);
}

/** The overdue rule at `n` work days overdue, or null when no stage falls there. */
export function overdueRule(n: number, policy: ReminderPolicy): Rule | null {
  const escalate = escalateAfter(policy);
  if (n === escalate) return { key: 'escalate', kind: 'escalation', measure: 'after', n, escalated: true };
  if (n > 0 && n % policy.overdue.repeat_every_workdays === 0)
    return { key: `overdue+${n}`, kind: 'overdue', measure: 'after', n, escalated: n > escalate };
  return null;
}

/** The work day of `rule`'s stage for an occurrence due on `due`. */
export function stageDay(rule: Rule, due: LocalDate): LocalDate {
  switch (rule.measure) {
    case 'workdays':
      return addWorkdays(workdayOnOrBefore(due), -rule.n);
    case 'days':
      return workdayOnOrBefore(addDays(due, -rule.n));
    case 'period-start':
      return workdayOnOrAfter(periodOf(rule.every, due).start);
    case 'after':
      return addWorkdays(due, rule.n);
  }
}

/**
 * The due dates [from, to] whose stage under `rule` falls on `day` (a work day), or null when
 * none does. Overdue rules are answered by `overdueWindows`, which shares one walk for all n.
 */
export function dueWindow(rule: Rule, day: LocalDate): [LocalDate, LocalDate] | null {
  switch (rule.measure) {
    case 'workdays': {
      // workdayOnOrBefore(due) must be the work day n after `day`: due runs up to the next work day.
      const anchor = addWorkdays(day, rule.n);
      return [anchor, addDays(nextWorkday(anchor), -1)];
    }
    case 'days':
      return [addDays(day, rule.n), addDays(nextWorkday(day), rule.n - 1)];
    case 'period-start': {
      const period = periodOf(rule.every, day);
      return workdayOnOrAfter(period.start) === day ? [period.lastMonthStart, period.end] : null;
    }
    case 'after':
      return [addWorkdays(day, -rule.n), addDays(addWorkdays(day, -(rule.n - 1)), -1)];
  }
}

/**
 * The due dates that are exactly at an overdue stage on `day`: for each n with a stage, those due
 * in [n-th work day before `day`, the day before the (n-1)-th]. Walks back once, to `earliestDue`.
 */
export function overdueWindows(
  day: LocalDate,
  policy: ReminderPolicy,
  earliestDue: LocalDate,
): [LocalDate, LocalDate][] {
  const out: [LocalDate, LocalDate][] = [];
  let later = day; // the (n-1)-th work day before `day`; the 0th is `day` itself
  for (let n = 1; later > earliestDue; n++) {
    let d = addDays(later, -1);
    while (!isWorkday(d)) d = addDays(d, -1);
    if (overdueRule(n, policy)) out.push([d, addDays(later, -1)]);
    later = d;
  }
  return out;
}

function nextWorkday(day: LocalDate): LocalDate {
  return workdayOnOrAfter(addDays(day, 1));
}

function ruleIdentity(rule: Rule): string {
  return rule.measure === 'period-start' ? `start:${rule.every}` : `${rule.measure}:${rule.n}`;
}
