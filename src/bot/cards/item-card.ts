import type { Org } from '../../config/org-schema.js';
import type { Item, LocalDate } from '../../plan/types.js';
import { latestNoteLines } from '../../progress/note-lines.js';
import { localDateAt } from '../../store/local-date.js';
import type { ProgressNote } from '../../store/progress-reports.js';
import type { OccurrenceView } from '../../store/store.js';
import { occurrenceLines } from '../occurrence-groups.js';
import type { Card, CardElement } from '../reply.js';
import { button, card, divider, markdown } from './card.js';
import { dueInLine, occurrenceLine, planText, shortDate, statusIcon } from './format.js';
import { sectionNameList, sectionWithHeadName } from './mention.js';

/** What the card shows of an item: the plan's own fields. */
export type ItemFacts = Pick<Item, 'id' | 'title' | 'text' | 'leads' | 'partners' | 'deadline'>;

export interface ItemCardInput {
  item: ItemFacts;
  /** The item's occurrences, by due date. */
  occurrences: OccurrenceView[];
  today: LocalDate;
  timeZone: string;
  org: Org;
  /** Show "标记完成" for this occurrence (the reader may confirm it). */
  confirmable?: OccurrenceView;
  /** Just confirmed through this card: said at the top, since "next" has moved on. */
  justConfirmed?: { occurrence: OccurrenceView; sections: string[] };
  /** The answer to the question asked, put first ("**9月30日** 9月底前…", "**4家** …"). */
  headline?: string;
  /** The item's 进展填报 notes: the latest of each section is shown. */
  notes?: readonly ProgressNote[];
}

/**
 * The answer to "政金企 谁牵头" and "8.4": who leads and who helps (heads named, never pinged), the
 * deadline, the next milestone and where each lead section stands on it.
 */
const LATE_SHOWN = 3;

export function itemCard(input: ItemCardInput): Card {
  const { item, occurrences, today, timeZone, org, confirmable, justConfirmed } = input;
  const next = nextOccurrence(occurrences, today);
  const lines = [
    `**牵头科室**：${item.leads.map((l) => sectionWithHeadName(l, org)).join('、') || '未注明'}`,
    `**责任科室**：${sectionNameList(item.partners, org)}`,
    `**完成时限**：${item.deadline ? `${item.deadline}（${dueInLine(item.deadline, today)}）` : '未注明'}`,
  ];
  const elements: CardElement[] = input.headline ? [markdown(input.headline)] : [];
  if (justConfirmed) {
    const what = occurrenceLine(justConfirmed.occurrence);
    elements.push(
      markdown(
        `✅ ${justConfirmed.sections.join('、')} 已确认「${planText(what, 40)}」（${shortDate(today)}）`,
      ),
    );
  }
  elements.push(markdown(lines.join('\n')));
  const late = occurrenceLines(
    occurrences.filter((o) => o.status === 'overdue' && o !== next),
    today,
    { itemIds: false },
  );
  if (late.length > 0) {
    // A recurring milestone is one line however often it slipped; the oldest few say enough.
    const more = late.length > LATE_SHOWN ? `\n…等 ${late.length} 项，发「逾期」查看全部` : '';
    elements.push(markdown(`**逾期节点**\n${late.slice(0, LATE_SHOWN).join('\n')}${more}`));
  }
  if (next) {
    elements.push(
      markdown(
        `**下一节点**：${nodeLine(next)}（${dueInLine(next.due, today)}）\n${leadStatus(next, timeZone)}`,
      ),
    );
  } else if (occurrences.length > 0) {
    elements.push(markdown('**全部节点已完成** ✅'));
  }
  const notes = latestNoteLines(input.notes ?? [], timeZone);
  if (notes.length > 0) elements.push(markdown(notes.join('\n')));
  const done = occurrences.filter((o) => o.status === 'done' || o.status === 'verified').length;
  if (occurrences.length > 1) {
    elements.push(markdown(`**节点进度**：${done}/${occurrences.length} 已完成`));
  }
  elements.push(divider(), markdown(planText(item.text, 160)));
  if (confirmable) {
    elements.push(button('标记完成', { action: 'confirm', occurrenceId: confirmable.id, view: 'item' }));
  }
  const template = next?.status === 'overdue' ? 'red' : next ? 'blue' : 'green';
  return card(`${item.id} ${item.title}`, template, elements);
}

/** On the item's own card the title is in the header: its deadline is just "12月31日 整项截止". */
function nodeLine(occurrence: OccurrenceView): string {
  return occurrence.milestone === null
    ? `${shortDate(occurrence.due)} 整项截止`
    : planText(occurrenceLine(occurrence));
}

/** The first occurrence not done and not yet past due; failing that the oldest overdue one. */
export function nextOccurrence(occurrences: OccurrenceView[], today: LocalDate): OccurrenceView | undefined {
  const pending = occurrences.filter((o) => o.status === 'open' || o.status === 'overdue');
  return pending.find((o) => o.due >= today) ?? pending[0];
}

/** "监督科 ✅ 张三 9月28日 · 农业科 ⏳ 未确认", one entry per lead section. */
export function leadStatus(occurrence: OccurrenceView, timeZone: string): string {
  return occurrence.leads
    .map((section) => {
      const c = occurrence.confirmations.find((x) => x.section === section);
      return c
        ? `${section} ✅ ${shortDate(localDateAt(new Date(c.at), timeZone))}确认`
        : `${section} ${statusIcon(occurrence.status)} 未确认`;
    })
    .join(' · ');
}
