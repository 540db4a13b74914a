import type { Org } from '../config/org-schema.js';
import { sectionNames } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import type { OccurrenceView } from '../store/store.js';
import { dueInLine, EVERY_LABEL, occurrenceLine, planText, shortDate, statusIcon } from './cards/format.js';
import type { ListGroup } from './cards/list-card.js';
import { sectionWithHeadName } from './cards/mention.js';

/**
 * Occurrences grouped under each lead section that still owes a confirmation, sections in
 * org.yaml order: "who has to do what" at a glance, heads named (not pinged).
 */
export function groupBySection(
  occurrences: OccurrenceView[],
  today: LocalDate,
  org: Org,
  only?: readonly string[],
): ListGroup[] {
  const bySection = new Map<string, OccurrenceView[]>();
  for (const occurrence of occurrences) {
    for (const section of occurrence.leads) {
      if (only && !only.includes(section)) continue;
      if (occurrence.confirmations.some((c) => c.section === section)) continue;
      bySection.set(section, [...(bySection.get(section) ?? []), occurrence]);
    }
  }
  const order = sectionNames(org);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...bySection.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([section, owed]) => ({
      heading: sectionWithHeadName(section, org),
      lines: occurrenceLines(owed, today),
    }));
}

/**
 * One line per occurrence, except that the periods of one recurring milestone share a line:
 * "🔴 6.2 按月收集梳理中小微企业融资需求 · 每月 · 逾期 8 次 · 下次 9月30日" instead of nine lines.
 * Lines keep the order of each group's first occurrence.
 */
export function occurrenceLines(
  occurrences: OccurrenceView[],
  today: LocalDate,
  options: { itemIds?: boolean } = {},
): string[] {
  // On one item's own card its number is in the title and need not start every line.
  const id = (o: OccurrenceView) => (options.itemIds === false ? '' : `${o.itemId} `);
  const groups = new Map<string, OccurrenceView[]>();
  for (const o of occurrences) {
    const key = o.every && o.milestone !== null ? `${o.itemId}/m${o.milestone}` : o.id;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()].map((group) =>
    group.length === 1 ? occurrenceListLine(group[0]!, today, id) : recurringLine(group, today, id),
  );
}

export function occurrenceListLine(
  occurrence: OccurrenceView,
  today: LocalDate,
  id = (o: OccurrenceView) => `${o.itemId} `,
): string {
  return `${statusIcon(occurrence.status)} ${id(occurrence)}${planText(occurrenceLine(occurrence), 48)} · ${dueInLine(occurrence.due, today)}`;
}

function recurringLine(group: OccurrenceView[], today: LocalDate, id: (o: OccurrenceView) => string): string {
  const first = group[0]!;
  const late = group.filter((o) => o.status === 'overdue').length;
  const done = group.filter((o) => o.status === 'done' || o.status === 'verified').length;
  const next = group.find((o) => o.status === 'open');
  const parts = [
    late > 0 ? `逾期 ${late} 次` : '',
    next ? `下次 ${shortDate(next.due)}，${dueInLine(next.due, today)}` : '',
    done > 0 ? `已完成 ${done} 次` : '',
  ].filter(Boolean);
  const icon = late > 0 ? statusIcon('overdue') : next ? statusIcon('open') : statusIcon('done');
  const every = first.every ? EVERY_LABEL[first.every] : '';
  return `${icon} ${id(first)}${planText(first.text, 36)} · ${every} · ${parts.join(' · ')}`;
}
