import type { Org, Person } from '../../config/org-schema.js';
import { findSection } from '../../config/sections.js';
import type { LocalDate } from '../../plan/types.js';
import { addWorkdays, workdaysBetween } from '../../plan/workdays.js';
import { localDateAt, localTimeAt } from '../../store/local-date.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeCardText } from '../../text/user-text.js';
import { actorFor } from '../actor.js';
import type { Card, CardElement } from '../reply.js';
import { button, card, divider, markdown } from './card.js';
import { clip, dueIn, evidenceNames, planText, replyPhrase, shortDate } from './format.js';
import { leadStatus } from './item-card.js';
import { mentionInCard } from './mention.js';

/**
 * The reminder a section gets from the sweep: one occurrence, or a digest of several. It lives in
 * bot/ rather than reminders/ because a click on its "标记完成" redraws it (card-actions.ts), and
 * the bot must not depend on the reminder machinery. The card is a pure function of the ledger,
 * so the redraw shows who confirmed and when.
 */
export interface ReminderCardInput {
  section: string;
  /** By due date. */
  occurrences: OccurrenceView[];
  today: LocalDate;
  timeZone: string;
  org: Org;
  /** reminders.yaml overdue.escalate_after_workdays: from then on the 分管领导 is named too. */
  escalateAfterWorkdays: number;
  /** reminders.yaml group_messages: whether a reply without @ reaches the bot (the card says how to reply). */
  groupMessages?: boolean;
}

/** Digests stay far below Lark's 30 KB: ~20 items with a button each is about 10 KB. */
export const REMINDER_ITEMS_PER_CARD = 20;

export function reminderCard(input: ReminderCardInput): Card {
  const { section, occurrences, today, timeZone, org } = input;
  const escalated = occurrences.some((o) => isEscalated(o, today, input.escalateAfterWorkdays));
  const people = reminderMentions(section, org, escalated);
  const single = occurrences.length === 1;
  const owed = occurrences.filter((o) => !confirmedBy(o, section));
  const intro = `${people.map(mentionInCard).join(' ')}${people.length > 0 ? ' ' : ''}${
    owed.length === 0
      ? `${section}的节点均已确认完成，谢谢！`
      : escalated
        ? `请${section}关注以下工作节点（含逾期较久的工作，已同时告知分管领导）：`
        : `请${section}关注以下工作节点：`
  }`;
  const elements: CardElement[] = [markdown(intro)];
  occurrences.forEach((occurrence, index) => {
    if (index > 0) elements.push(divider());
    // A digest numbers its lines, so a reply can say "1、2已完成".
    const number = single ? '' : `${index + 1}. `;
    elements.push(markdown(`${number}${itemBlock(occurrence, section, today, timeZone, org)}`));
    if (!confirmedBy(occurrence, section))
      elements.push(
        button(
          single
            ? '标记完成'
            : `标记完成第${index + 1}项（${occurrence.itemId} ${shortDate(occurrence.due)}）`,
          {
            action: 'confirm',
            occurrenceId: occurrence.id,
            view: 'reminder',
            section,
          },
        ),
      );
  });
  const groupMessages = input.groupMessages ?? false;
  if (owed.length > 0)
    elements.push(
      markdown(
        single
          ? `完成后请点「标记完成」，或${replyPhrase(groupMessages, '已完成')}（可附说明）。`
          : `完成后请点对应的「标记完成」，或${replyPhrase(groupMessages, '1已完成')}（几项一起：「1、2已完成」，全部：「全部完成」）。`,
      ),
    );
  const template = owed.length === 0 ? 'green' : worst(owed, today);
  const title = single
    ? `督办提醒 · ${occurrences[0]!.itemId} ${clip(occurrences[0]!.title, 24)}`
    : `督办提醒 · ${section}（${occurrences.length} 项）`;
  return card(title, template, elements);
}

/** Who a section's reminder @-mentions: head and deputies; the 分管领导 too once escalated. */
export function reminderMentions(section: string, org: Org, escalated: boolean): Person[] {
  const found = findSection(section, org);
  if (!found) return [];
  return [found.head, ...found.deputies, ...(escalated && found.leader ? [found.leader] : [])];
}

export function isEscalated(occurrence: OccurrenceView, today: LocalDate, escalateAfter: number): boolean {
  return occurrence.due < today && workdaysBetween(occurrence.due, today) >= escalateAfter;
}

function itemBlock(
  occurrence: OccurrenceView,
  section: string,
  today: LocalDate,
  timeZone: string,
  org: Org,
): string {
  // The item's own deadline is a date for the whole item, not a milestone called "完成时限".
  const what = occurrence.milestone === null ? '整项截止' : planText(occurrence.text, 80);
  const lines = [`**${occurrence.itemId} ${planText(occurrence.title, 30)}**`, what];
  const mine = occurrence.confirmations.find((c) => c.section === section);
  if (mine) {
    // Someone other than the section's own people confirming is named as acting for it.
    const outsider = actorFor(mine.by, [section], org).outsider;
    const who = outsider ? `${outsider} 代确认` : mentionInCard({ name: mine.by, open_id: mine.by });
    lines.push(`✅ ${section} 已确认（${who}，${confirmedAt(mine.at, timeZone)}）`);
    if (mine.note) lines.push(`备注：${escapeCardText(echo(mine.note, 60))}`);
  } else {
    const late = occurrence.due < today ? '🔴 ' : '';
    lines.push(`${late}截止 ${shortDate(occurrence.due)} · ${dueIn(occurrence.due, today)}`);
  }
  const evidence = occurrence.evidence.filter((e) => e.section === section);
  if (evidence.length > 0) lines.push(`📎 佐证材料：${evidenceNames(evidence)}`);
  if (occurrence.leads.length > 1) lines.push(`牵头科室：${leadStatus(occurrence, timeZone)}`);
  return lines.join('\n');
}

function confirmedBy(occurrence: OccurrenceView, section: string): boolean {
  return occurrence.confirmations.some((c) => c.section === section);
}

/** Red when anything is overdue, orange when something is due by the next work day. */
function worst(owed: OccurrenceView[], today: LocalDate): 'red' | 'orange' | 'blue' {
  if (owed.some((o) => o.due < today)) return 'red';
  const nextWorkday = addWorkdays(today, 1);
  return owed.some((o) => o.due <= nextWorkday) ? 'orange' : 'blue';
}

/** "9月28日 10:32" in the plan's time zone. */
function confirmedAt(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${shortDate(localDateAt(at, timeZone))} ${localTimeAt(at, timeZone)}`;
}
