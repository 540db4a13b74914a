import { card, divider, markdown } from '../bot/cards/card.js';
import { planText } from '../bot/cards/format.js';
import { mentionInCard } from '../bot/cards/mention.js';
import { reminderMentions } from '../bot/cards/reminder-card.js';
import type { Card, CardElement } from '../bot/reply.js';
import type { Org } from '../config/org-schema.js';
import type { ProgressNote } from '../store/progress-reports.js';
import { latestNoteLines } from './note-lines.js';
import type { AskedItem } from './open-items.js';
import type { Month } from './schedule.js';

export interface RequestCardInput {
  section: string;
  month: Month;
  /** Plan order: the card's line numbers. */
  items: AskedItem[];
  /** The section's notes so far (each item shows its latest). */
  notes: readonly ProgressNote[];
  org: Org;
  timeZone: string;
  /** reminders.yaml group_messages: whether a reply without @ reaches the bot. */
  groupMessages: boolean;
}

export const REPORT_EXAMPLE = '8.4：已完成3家抽查，11月底前完成';

/** How a reply reaches the bot, as reminder cards say it (group_messages). */
export function reportHowTo(groupMessages: boolean): string {
  const reply = groupMessages ? '回复本消息' : '回复本消息并 @督办 ';
  return `${reply}填写进展，如：「${REPORT_EXAMPLE}」；多项请分行`;
}

/**
 * The monthly 进展填报 card for one section: its head and deputies @-mentioned, its open items
 * numbered with id, title and the section's latest note, and how to answer.
 */
export function progressRequestCard(input: RequestCardInput): Card {
  const { section, month, items, org } = input;
  const people = reminderMentions(section, org, false).map(mentionInCard).join(' ');
  const monthLabel = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
  const elements: CardElement[] = [
    markdown(
      `${people ? `${people} ` : ''}请${section}填报${monthLabel}工作进展（${items.length} 项未完成工作）：`,
    ),
    divider(),
  ];
  const lines = items.map((item, i) => {
    const notes = input.notes.filter((n) => n.itemId === item.itemId && n.section === section);
    const latest = latestNoteLines(notes, input.timeZone);
    return [`${i + 1}. **${item.itemId}** ${planText(item.title, 40)}`, ...latest.map((l) => `　${l}`)].join(
      '\n',
    );
  });
  elements.push(markdown(lines.join('\n')), divider(), markdown(`${reportHowTo(input.groupMessages)}。`));
  return card(`进展填报 · ${monthLabel} · ${section}`, 'turquoise', elements);
}
