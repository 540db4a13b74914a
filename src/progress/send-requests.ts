import type { LoadedConfig } from '../config/load-config.js';
import { findSection } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import type { ClaimSession } from '../reminders/claims.js';
import { type DeliveryTimings, type SendOutcome, sendClaimed } from '../reminders/deliver.js';
import type { OutgoingReminder, SendReminder } from '../reminders/outgoing.js';
import type { ProgressNote, ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import { type AskedItem, openItemsBySection } from './open-items.js';
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

/** One section's card for `month`, and what it asks about. */
export interface ComposedRequest {
  /** Its claim: one per section and month. */
  key: string;
  message: OutgoingReminder;
  items: AskedItem[];
}

/**
 * `month`'s 进展填报 cards, one per section with open work (org.yaml order), addressed as
 * reminders are: the section's chat, else the main chat. The same on every replica, so the
 * outbox's Lark uuid (from `message.key`) dedupes a resend.
 */
export async function composeProgressRequests(
  today: LocalDate,
  month: Month,
  store: Pick<PlanStore, 'openForSection'>,
  notes: readonly ProgressNote[],
  config: LoadedConfig,
): Promise<ComposedRequest[]> {
  const bySection = await openItemsBySection(store, config);
  return [...bySection].map(([section, items]) => {
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
    const people = found ? [found.head, ...found.deputies] : [];
    return {
      key: progressClaimKey(month, section),
      items,
      message: {
        key: `progress:${section}:${month}`,
        kind: 'progress',
        chatId: found?.chat_id ?? config.org.chats.main,
        section,
        card,
        mentions: people.flatMap((p) => (p.open_id ? [p.open_id] : [])),
        // No occurrences: a reply to this card is a progress report, never a confirmation.
        occurrenceIds: [],
        stages: [],
        day: today,
      },
    };
  });
}

/**
 * Sends `month`'s cards, each under its own claim so replicas split them and each goes out once.
 * A card is recorded as a request (its items, for reading replies) as soon as Lark accepts it and
 * before its claim is marked sent: if that record fails, the claim is released and the next sweep
 * sends again under the same key, which Lark dedupes.
 */
export async function sendProgressRequests(
  now: Date,
  today: LocalDate,
  month: Month,
  deps: RequestDeps,
  session: ClaimSession,
  timings: DeliveryTimings,
): Promise<RequestsReport> {
  const { store } = deps;
  const report: RequestsReport = { outcomes: [], held: 0 };
  const requests = await composeProgressRequests(
    today,
    month,
    store,
    await store.progressNotes(),
    deps.config,
  );
  await Promise.all(
    requests.map(async ({ key, message, items }) => {
      const state = await session.claim(key, timings.leaseMs);
      if (state === 'held') report.held++;
      if (state !== 'claimed') return;
      const sendAndRecord: SendReminder = async (m) => {
        const sent = await deps.send(m);
        await store.recordProgressRequest({
          messageId: sent.messageId,
          section: m.section ?? '',
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
