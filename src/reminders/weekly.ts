import type { ChartImage } from '../chart/chart-image.js';
import { planProgressChart } from '../chart/plan-progress.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { ReminderPolicy } from '../config/reminders-schema.js';
import type { LocalDate } from '../plan/types.js';
import { addDays, isWorkday } from '../plan/workdays.js';
import type { UnreportedRound } from '../progress/not-reported.js';
import type { OccurrenceView, PlanStore } from '../store/store.js';
import { countBySection } from '../store/work-count.js';
import { weeklyCard } from './cards/weekly-card.js';
import type { OutgoingReminder } from './outgoing.js';
import { weekStart } from './period.js';

/** How far ahead the weekly digest looks for work falling due. */
export const WEEKLY_DUE_SOON_DAYS = 14;

/**
 * The day the weekly digest goes out in `day`'s week: the configured weekday, or the first work
 * day after it in the same week when it is a rest day (the 国庆 week of 2023 gets it on the
 * 调休 Saturday 10-07); null when the rest of the week is off.
 */
export function weeklyDigestDay(day: LocalDate, policy: ReminderPolicy): LocalDate | null {
  const monday = weekStart(day);
  for (let d = addDays(monday, policy.weekly_digest.weekday - 1); d <= addDays(monday, 6); d = addDays(d, 1))
    if (isWorkday(d)) return d;
  return null;
}

/** Whether the week's digest is due at (`today`, `time`): on its day from its time, or later that week. */
export function weeklyDigestDue(today: LocalDate, time: string, policy: ReminderPolicy): boolean {
  const day = weeklyDigestDay(today, policy);
  return day !== null && (today > day || (today === day && time >= policy.weekly_digest.at));
}

export const weeklyClaimKey = (today: LocalDate) => `weekly|${weekStart(today)}`;

/**
 * The leadership's weekly card: done, due within 14 days, overdue, by section, with rates, and
 * the progress chart when `chart` can make one (the sweep passes it, the preview does not).
 */
export async function composeWeekly(
  now: Date,
  today: LocalDate,
  store: Pick<PlanStore, 'allOccurrences' | 'dueBetween' | 'overdue'>,
  config: LoadedConfig,
  chart?: ChartImage,
  /** 进展填报: the latest round's sections that have not reported (progress/not-reported.ts). */
  progress?: UnreportedRound | null,
): Promise<OutgoingReminder | null> {
  const leadership = config.org.chats.leadership;
  if (leadership === undefined) return null;
  const [all, soon, late] = await Promise.all([
    store.allOccurrences(),
    store.dueBetween(today, addDays(today, WEEKLY_DUE_SOON_DAYS), { openOnly: true }),
    store.overdue(now),
  ]);
  const owedBy = (list: OccurrenceView[]) => {
    const map = new Map<string, OccurrenceView[]>();
    for (const o of list)
      for (const s of o.leads)
        if (!o.confirmations.some((c) => c.section === s)) map.set(s, [...(map.get(s) ?? []), o]);
    return map;
  };
  const policy = { requireVerify: config.reminders.require_verify };
  // Drawn from the same read as the card's numbers, so the two agree.
  const chartKey = chart
    ? await chart(
        planProgressChart(all, { sections: config.sections, chapters: config.plan.chapters }, today, policy),
        {
          purpose: 'weekly',
        },
      )
    : null;
  const card = weeklyCard({
    today,
    chartKey,
    progress,
    rows: countBySection(all, today, policy),
    dueSoon: owedBy(soon),
    overdue: owedBy(late),
    sections: config.sections,
    org: config.org,
  });
  return {
    key: `weekly:${weekStart(today)}`,
    kind: 'weekly',
    chatId: leadership,
    section: null,
    card,
    mentions: [],
    occurrenceIds: [...new Set([...late, ...soon].map((o) => o.id))],
    stages: [],
    day: today,
  };
}
