import type { LoadedConfig } from '../config/load-config.js';
import type { LocalDate, Recurrence } from '../plan/types.js';
import { addDays, isWorkday } from '../plan/workdays.js';
import { progressRequestOn } from '../progress/schedule.js';
import { composeProgressRequests } from '../progress/send-requests.js';
import type { PlanStore } from '../store/store.js';
import { compose } from './compose.js';
import { planDeliveries } from './deliveries.js';
import { instantOf } from './local-time.js';
import type { OutgoingReminder } from './outgoing.js';
import { stagesFor } from './policy.js';
import type { DueStages } from './select.js';
import type { Stage } from './stage.js';
import { composeWeekly, weeklyDigestDay } from './weekly.js';

/** One message the sweeps would send, if nothing more were confirmed than the ledger has now. */
export interface PlannedMessage {
  at: Date;
  day: LocalDate;
  message: OutgoingReminder;
  /** The occurrences and their stages, in card order (empty for the weekly digest). */
  items: {
    occurrenceId: string;
    itemId: string;
    title: string;
    text: string;
    due: LocalDate;
    every: Recurrence | null;
    section: string;
    stage: Stage;
  }[];
  /** A 进展填报 card: the items it asks about. */
  progressItems?: string[];
}

/**
 * The reminder calendar for [from, to]: for each work day the messages its send_at sweep would
 * compose — the same policy, grouping and addressing as the sweep, without claims or sending —
 * plus the weekly leadership digest and the monthly 进展填报 cards. Work already confirmed drops out. Assumes every sweep runs
 * on time (no catch-up).
 */
export async function previewReminders(
  from: LocalDate,
  to: LocalDate,
  deps: { store: PlanStore; config: LoadedConfig },
): Promise<PlannedMessage[]> {
  const { store, config } = deps;
  const policy = config.reminders;
  const byDay = new Map<LocalDate, DueStages[]>();
  for (const occurrence of await store.allOccurrences()) {
    if (occurrence.status === 'done' || occurrence.status === 'verified') continue;
    for (const stage of stagesFor(occurrence, policy, { from, through: to })) {
      const list = byDay.get(stage.day) ?? [];
      list.push({ occurrence, stages: [stage] });
      byDay.set(stage.day, list);
    }
  }
  const leadershipChat = config.org.chats.leadership !== undefined;
  const out: PlannedMessage[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!isWorkday(day)) continue;
    const due = byDay.get(day) ?? [];
    const at = instantOf(day, policy.send_at, policy.timezone);
    for (const { message, deliveries } of compose(
      planDeliveries(due, { leadershipChat }).deliveries,
      config,
      day,
    )) {
      out.push({
        at,
        day,
        message,
        items: deliveries.map(({ occurrence: o, stage, section }) => ({
          occurrenceId: o.id,
          itemId: o.itemId,
          title: o.title,
          text: o.milestone === null ? '完成时限' : o.text,
          due: o.due,
          every: o.every,
          section,
          stage,
        })),
      });
    }
    if (leadershipChat && weeklyDigestDay(day, policy) === day) {
      const weeklyAt = instantOf(day, policy.weekly_digest.at, policy.timezone);
      const message = await composeWeekly(weeklyAt, day, store, config);
      if (message) out.push({ at: weeklyAt, day, message, items: [] });
    }
    const month = progressRequestOn(day, policy);
    if (month && policy.progress_report) {
      const progressAt = instantOf(day, policy.progress_report.at, policy.timezone);
      for (const request of await composeProgressRequests(day, month, store, [], config))
        out.push({
          at: progressAt,
          day,
          message: request.message,
          items: [],
          progressItems: request.items.map((i) => i.itemId),
        });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** `duban preview --json`: one row per planned message. */
export function previewRow(planned: PlannedMessage) {
  const { message } = planned;
  const distinct = [...new Set(message.stages)];
  return {
    at: planned.at.toISOString(),
    day: planned.day,
    chat: message.chatId,
    mentions: message.mentions,
    kind: message.kind,
    section: message.section,
    stage: distinct.length === 1 ? distinct[0]! : distinct.join(','),
    stages: message.stages,
    occurrenceIds: message.occurrenceIds,
  };
}
