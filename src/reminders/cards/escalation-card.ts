import { card, markdown } from '../../bot/cards/card.js';
import { dueIn, planText } from '../../bot/cards/format.js';
import { mentionInCard } from '../../bot/cards/mention.js';
import type { Card } from '../../bot/reply.js';
import type { Org } from '../../config/org-schema.js';
import { findSection } from '../../config/sections.js';
import type { LocalDate } from '../../plan/types.js';
import type { OccurrenceView } from '../../store/store.js';

export interface EscalationCardInput {
  /** The escalated occurrences per section, org order. */
  bySection: { section: string; occurrences: OccurrenceView[] }[];
  today: LocalDate;
  org: Org;
  escalateAfterWorkdays: number;
}

/**
 * To the leadership chat: work that is N work days overdue, by section, each with its head and
 * 分管领导 named. No buttons: leaders follow up, the section confirms in its own reminder.
 */
export function escalationCard(input: EscalationCardInput): Card {
  const count = input.bySection.reduce((n, g) => n + g.occurrences.length, 0);
  const blocks = input.bySection.map(({ section, occurrences }) => {
    const found = findSection(section, input.org);
    const people = [
      found ? `科长 ${mentionInCard(found.head)}` : '',
      found?.leader ? `分管领导 ${mentionInCard(found.leader)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    // Redrawn when the section confirms (app/live-cards.ts): the line then says so.
    const lines = occurrences.map((o) => {
      const done = o.confirmations.some((c) => c.section === section);
      const state = done ? '✅ 已确认完成' : dueIn(o.due, input.today);
      return `· ${o.itemId} ${planText(o.milestone === null ? `${o.title}（完成时限）` : o.text, 50)} — ${state}`;
    });
    return markdown(`**${section}**${people ? `（${people}）` : ''}\n${lines.join('\n')}`);
  });
  return card(`督办升级 · ${count} 项工作逾期超过 ${input.escalateAfterWorkdays} 个工作日`, 'red', [
    markdown('以下工作已逾期，提醒未获确认，请分管领导督促办理：'),
    ...blocks,
  ]);
}
