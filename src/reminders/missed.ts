import type { LoadedConfig } from '../config/load-config.js';
import type { Person } from '../config/org-schema.js';
import { findSection } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import { compareOccurrences } from '../store/views.js';
import { missedCard } from './cards/missed-card.js';
import { type Composed, messageKey } from './compose.js';
import type { Delivery } from './deliveries.js';

/** Lines per "missed while offline" card: no buttons, so more fit than in a digest. */
const MISSED_PER_CARD = 60;

/** The missed deliveries as cards for the main chat (one, unless there are very many). */
export function composeMissed(deliveries: Delivery[], config: LoadedConfig, today: LocalDate): Composed[] {
  const sorted = [...deliveries].sort(
    (a, b) =>
      order(config, a.section) - order(config, b.section) || compareOccurrences(a.occurrence, b.occurrence),
  );
  const out: Composed[] = [];
  for (let i = 0; i < sorted.length; i += MISSED_PER_CARD) {
    const page = sorted.slice(i, i + MISSED_PER_CARD);
    const bySection: { section: string; items: Pick<Delivery, 'occurrence' | 'stage'>[] }[] = [];
    for (const d of page) {
      const last = bySection[bySection.length - 1];
      if (last?.section === d.section) last.items.push(d);
      else bySection.push({ section: d.section, items: [d] });
    }
    const people = bySection.flatMap(({ section }) => {
      const found = findSection(section, config.org);
      return found ? [found.head, ...found.deputies] : [];
    });
    out.push({
      message: {
        key: messageKey('missed', 'main', today, page),
        kind: 'missed',
        chatId: config.org.chats.main,
        section: null,
        card: missedCard({ bySection, today, org: config.org }),
        mentions: openIds(people),
        occurrenceIds: page.map((d) => d.occurrence.id),
        stages: page.map((d) => d.stage.key),
        day: today,
      },
      deliveries: page,
    });
  }
  return out;
}

function order(config: LoadedConfig, section: string): number {
  const i = config.sections.indexOf(section);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function openIds(people: Person[]): string[] {
  return [...new Set(people.flatMap((p) => (p.open_id ? [p.open_id] : [])))];
}
