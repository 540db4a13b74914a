import type { LoadedConfig } from '../config/load-config.js';
import { findSection } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import type { ClaimSession } from '../reminders/claims.js';
import { type DeliveryTimings, type SendOutcome, sendClaimed } from '../reminders/deliver.js';
import type { SendReminder } from '../reminders/outgoing.js';
import type { ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import { openItemsBySection } from './open-items.js';
import { progressRequestCard } from './request-card.js';
import { type Month, progressClaimKey } from './schedule.js';

export interface RequestDeps {
  store: Pick<PlanStore, 'openForSection'> & Pick<ProgressReports, 'progressNotes' | 'recordProgressRequest'>;
  config: LoadedConfig;
  send: SendReminder;
}

export interface RequestsReport {
  outcomes: SendOutcome[];
  /** Sections whose card another replica holds a live claim on. */
  held: number;
}

/**
 * `month`'s 进展填报 cards, one per section with open work, each under its own claim so replicas
 * split them and each goes out once. The card is recorded as a request (its items, for reading
 * replies) as soon as Lark accepts it and before its claim is marked sent: if that record fails,
 * the claim is released and the next sweep sends again under the same key, which Lark dedupes.
 */
export async function sendProgressRequests(
  now: Date,
  today: LocalDate,
  month: Month,
  deps: RequestDeps,
  session: ClaimSession,
  timings: DeliveryTimings,
): Promise<RequestsReport> {
  const { store, config } = deps;
  const report: RequestsReport = { outcomes: [], held: 0 };
  const bySection = await openItemsBySection(store, config);
  if (bySection.size === 0) return report;
  const notes = await store.progressNotes();
  await Promise.all(
    [...bySection].map(async ([section, items]) => {
      const key = progressClaimKey(month, section);
      const state = await session.claim(key, timings.leaseMs);
      if (state === 'held') report.held++;
      if (state !== 'claimed') return;
      const found = findSection(section, config.org);
      const card = progressRequestCard({
        section,
        month,
        items,
        notes,
        org: config.org,
        timeZone: config.reminders.timezone,
        groupMessages: config.reminders.group_messages,
      });
      const message = {
        key: `progress:${section}:${month}`,
        kind: 'progress' as const,
        chatId: found?.chat_id ?? config.org.chats.main,
        section,
        card,
        mentions: [found?.head, ...(found?.deputies ?? [])].flatMap((p) => (p?.open_id ? [p.open_id] : [])),
        occurrenceIds: [],
        stages: [],
        day: today,
      };
      const sendAndRecord: SendReminder = async (m) => {
        const sent = await deps.send(m);
        await store.recordProgressRequest({
          messageId: sent.messageId,
          section,
          month,
          itemIds: items.map((i) => i.itemId),
          sentAt: now.toISOString(),
        });
        return sent;
      };
      report.outcomes.push(await sendClaimed(message, [key], [], session, sendAndRecord, timings));
    }),
  );
  return report;
}
