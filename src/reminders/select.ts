import type { ReminderPolicy } from '../config/reminders-schema.js';
import type { LocalDate } from '../plan/types.js';
import { addDays } from '../plan/workdays.js';
import type { OccurrenceView, PlanStore } from '../store/store.js';
import { stagesFor } from './policy.js';
import { allBeforeRules, dueWindow, overdueWindows } from './rules.js';
import type { Stage } from './stage.js';

/** An open occurrence with the stages it has on the days a sweep covers, by day. */
export interface DueStages {
  occurrence: OccurrenceView;
  stages: Stage[];
}

/**
 * The open occurrences with a stage on one of `days` (work days, ascending). Each ladder rule
 * turns a day into a window of due dates; the merged windows go to the store (dueBetween), so
 * stages are worked out only for the occurrences in them. The policy then re-checks every
 * candidate, so the windows only have to be wide enough, never exact.
 */
export async function findDue(
  store: Pick<PlanStore, 'dueBetween'>,
  policy: ReminderPolicy,
  days: LocalDate[],
  earliestDue: LocalDate,
): Promise<DueStages[]> {
  if (days.length === 0) return [];
  const windows = mergeWindows(days.flatMap((day) => dueWindowsOn(day, policy, earliestDue)));
  const batches = await Promise.all(
    windows.map(([from, to]) => store.dueBetween(from, to, { openOnly: true })),
  );
  const wanted = new Set(days);
  const seen = new Set<string>();
  const out: DueStages[] = [];
  const window = { from: days[0]!, through: days[days.length - 1]! };
  // Stages depend only on (due, recurrence): thousands of occurrences share a few hundred of those.
  const stagesByDue = new Map<string, Stage[]>();
  for (const occurrence of batches.flat()) {
    if (seen.has(occurrence.id)) continue;
    seen.add(occurrence.id);
    const shape = `${occurrence.due}|${occurrence.every}`;
    let stages = stagesByDue.get(shape);
    if (!stages) {
      stages = stagesFor(occurrence, policy, window).filter((s) => wanted.has(s.day));
      stagesByDue.set(shape, stages);
    }
    if (stages.length > 0) out.push({ occurrence, stages });
  }
  return out;
}

/** Every due-date window that can put a stage on `day`. */
export function dueWindowsOn(
  day: LocalDate,
  policy: ReminderPolicy,
  earliestDue: LocalDate,
): [LocalDate, LocalDate][] {
  const before = allBeforeRules(policy).flatMap((rule) => {
    const window = dueWindow(rule, day);
    return window ? [window] : [];
  });
  return [...before, ...overdueWindows(day, policy, earliestDue)];
}

/** Sorted, with overlapping and touching windows joined. */
export function mergeWindows(windows: [LocalDate, LocalDate][]): [LocalDate, LocalDate][] {
  const sorted = windows.filter(([a, b]) => a <= b).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: [LocalDate, LocalDate][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= addDays(last[1], 1)) {
      if (to > last[1]) last[1] = to;
    } else out.push([from, to]);
  }
  return out;
}
