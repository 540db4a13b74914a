import type { Org } from '../config/org-schema.js';
import { sectionNames } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import type { OccurrenceView } from '../store/store.js';
import { clip, dueIn, occurrenceLine, statusIcon } from './cards/format.js';
import type { ListGroup } from './cards/list-card.js';
import { sectionWithHead } from './cards/mention.js';

/**
 * Occurrences grouped under each lead section that still owes a confirmation, sections in
 * org.yaml order: "who has to do what" at a glance, with the section head @-mentioned.
 */
export function groupBySection(
  occurrences: OccurrenceView[],
  today: LocalDate,
  org: Org,
  only?: readonly string[],
): ListGroup[] {
  const bySection = new Map<string, string[]>();
  for (const occurrence of occurrences) {
    for (const section of occurrence.leads) {
      if (only && !only.includes(section)) continue;
      if (occurrence.confirmations.some((c) => c.section === section)) continue;
      const lines = bySection.get(section) ?? [];
      lines.push(occurrenceListLine(occurrence, today));
      bySection.set(section, lines);
    }
  }
  const order = sectionNames(org);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...bySection.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([section, lines]) => ({ heading: sectionWithHead(section, org), lines }));
}

export function occurrenceListLine(occurrence: OccurrenceView, today: LocalDate): string {
  return `${statusIcon(occurrence.status)} ${occurrence.itemId} ${clip(occurrenceLine(occurrence), 48)}（${dueIn(occurrence.due, today)}）`;
}
