import { createHash } from 'node:crypto';
import { REMINDER_ITEMS_PER_CARD, reminderCard, reminderMentions } from '../bot/cards/reminder-card.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Person } from '../config/org-schema.js';
import { findSection } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import { compareOccurrences } from '../store/views.js';
import { escalationCard } from './cards/escalation-card.js';
import type { Delivery } from './deliveries.js';
import type { OutgoingReminder } from './outgoing.js';
import { escalateAfter } from './rules.js';

/** A message and the deliveries it carries (their claims are marked sent once it is accepted). */
export interface Composed {
  message: OutgoingReminder;
  deliveries: Delivery[];
}

/**
 * Groups deliveries into messages: one card per section per sweep (cut into pages of
 * REMINDER_ITEMS_PER_CARD), addressed to the section's chat or else the main chat, @-mentioning
 * its head and deputies (and its 分管领导 once escalated); escalations also as one card to the
 * leadership chat.
 */
export function compose(deliveries: Delivery[], config: LoadedConfig, today: LocalDate): Composed[] {
  const { org, reminders: policy } = config;
  const escalateAt = escalateAfter(policy);
  const out: Composed[] = [];
  const sectionOrder = (s: string) => {
    const i = config.sections.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const bySection = groupBy(
    deliveries.filter((d) => d.audience === 'section'),
    (d) => d.section,
  );
  for (const section of [...bySection.keys()].sort((a, b) => sectionOrder(a) - sectionOrder(b))) {
    const chatId = findSection(section, org)?.chat_id ?? org.chats.main;
    for (const page of pages(sorted(bySection.get(section)!))) {
      const occurrences = page.map((d) => d.occurrence);
      const card = reminderCard({
        section,
        occurrences,
        today,
        timeZone: policy.timezone,
        org,
        escalateAfterWorkdays: escalateAt,
        groupMessages: policy.group_messages,
      });
      const escalated = page.some((d) => d.stage.escalated);
      out.push({
        message: {
          key: messageKey('reminder', section, today, page),
          kind: page.length === 1 ? 'reminder' : 'digest',
          chatId,
          section,
          card,
          mentions: openIds(reminderMentions(section, org, escalated)),
          occurrenceIds: occurrences.map((o) => o.id),
          stages: page.map((d) => d.stage.key),
          day: today,
        },
        deliveries: page,
      });
    }
  }
  const leadership = org.chats.leadership;
  const escalations = sorted(deliveries.filter((d) => d.audience === 'leadership'));
  if (leadership !== undefined && escalations.length > 0) {
    for (const page of pages(escalations)) {
      const groups = [...groupBy(page, (d) => d.section)]
        .sort(([a], [b]) => sectionOrder(a) - sectionOrder(b))
        .map(([section, ds]) => ({ section, occurrences: ds.map((d) => d.occurrence) }));
      const people = groups.flatMap(({ section }) => {
        const found = findSection(section, org);
        return found ? [found.head, ...(found.leader ? [found.leader] : [])] : [];
      });
      out.push({
        message: {
          key: messageKey('escalation', 'leadership', today, page),
          kind: 'escalation',
          chatId: leadership,
          section: null,
          card: escalationCard({ bySection: groups, today, org, escalateAfterWorkdays: escalateAt }),
          mentions: openIds(people),
          occurrenceIds: page.map((d) => d.occurrence.id),
          stages: page.map((d) => d.stage.key),
          day: today,
        },
        deliveries: page,
      });
    }
  }
  return out;
}

/**
 * Same deliveries → same key on every replica and in a rerun after a crash: the outbox turns it
 * into Lark's dedupe uuid (messageUuid), so a message that reached Lark before its sweep died is
 * dropped by Lark when the rerun sends it again. Built only from what the message is about — kind,
 * audience, the sweep's local day and the sorted claim keys (occurrence|section|stage|stage day)
 * — never from ids, times or order. A message's keys are recorded in one atomic step, so a rerun
 * owes whole messages, and pages them as before (tests/reminders/message-key.test.ts).
 */
export function messageKey(kind: string, audience: string, day: LocalDate, page: Delivery[]): string {
  const hash = createHash('sha256');
  for (const key of page.map((d) => d.key).sort()) hash.update(`${key}\n`);
  return `${kind}:${audience}:${day}:${hash.digest('hex').slice(0, 16)}`;
}

function sorted(deliveries: Delivery[]): Delivery[] {
  return [...deliveries].sort((a, b) => compareOccurrences(a.occurrence, b.occurrence));
}

function pages<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += REMINDER_ITEMS_PER_CARD)
    out.push(items.slice(i, i + REMINDER_ITEMS_PER_CARD));
  return out;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

function openIds(people: Person[]): string[] {
  return [...new Set(people.flatMap((p) => (p.open_id ? [p.open_id] : [])))];
}
