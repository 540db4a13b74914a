import type { LocalDate } from '../../plan/types.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeCardText } from '../../text/user-text.js';
import { EARLY_WORKDAYS } from '../early.js';
import type { Card, CardElement, CardTemplate } from '../reply.js';
import { button, card, markdown } from './card.js';
import { dueIn, planText, replyPhrase, shortDate } from './format.js';

/**
 * A question the bot asks before it changes the ledger, answered by a button: which of a reply's
 * candidates is done (one button per item plus 全部完成), whether work far from its due date is
 * really done already (确认提前完成 / 取消), which confirmation to take back. Items are numbered and
 * named as people know them — item number, date, clause — never by internal ids. The card is a
 * pure function of the ledger, so a click (or a change made elsewhere) redraws it.
 */
export type ChoicePurpose = 'which' | 'early' | 'undo';

export interface ChoiceCardInput {
  purpose: ChoicePurpose;
  /** The candidates, in the order they are numbered. */
  occurrences: OccurrenceView[];
  /** Whose confirmation the card is about; '' for an admin acting for every lead section. */
  section: string;
  /** What the reply said besides "done": recorded with the confirmation the click makes. */
  note: string;
  today: LocalDate;
  groupMessages: boolean;
  /** The question was answered 取消. */
  cancelled?: boolean;
}

export function choiceCard(input: ChoiceCardInput): Card {
  const { purpose, occurrences, section, note, today } = input;
  const choices = occurrences.map((o) => o.id);
  const common = { view: purpose, section, choices };
  const open = occurrences.filter((o) => !settled(input, o));
  const elements: CardElement[] = [markdown(intro(input, open.length))];
  occurrences.forEach((o, index) => {
    const n = index + 1;
    const done = settled(input, o);
    elements.push(
      markdown(`**${n}.** ${line(o, today)} · ${done ? doneMark(purpose) : dueIn(o.due, today)}`),
    );
    if (done || input.cancelled) return;
    if (purpose === 'undo') {
      elements.push(button(`撤销第${n}项`, { action: 'undo', occurrenceId: o.id, ...common }, 'danger'));
    } else {
      const label =
        purpose === 'early'
          ? occurrences.length === 1
            ? '确认提前完成'
            : `确认提前完成第${n}项`
          : `完成第${n}项`;
      elements.push(button(label, { action: 'confirm', occurrenceId: o.id, note, ...common }));
    }
  });
  if (note !== '' && purpose !== 'undo') elements.push(markdown(`备注：${escapeCardText(echo(note, 60))}`));
  if (!input.cancelled && open.length > 0) {
    if (purpose === 'which' && open.length > 1)
      elements.push(button('全部完成', { action: 'confirm-all', note, ...common }));
    if (purpose !== 'which') elements.push(button('取消', { action: 'cancel', ...common }, 'default'));
  }
  return card(title(input, open.length), template(input, open.length), elements);
}

function settled(input: ChoiceCardInput, o: OccurrenceView): boolean {
  const confirmed = input.section
    ? o.confirmations.some((c) => c.section === input.section)
    : o.status === 'done' || o.status === 'verified';
  return input.purpose === 'undo' ? !confirmed : confirmed;
}

/** "8.4 加强财政监督 · 6月30日 按照“双随机一公开”要求…": what and when, as people know it. */
function line(o: OccurrenceView, today: LocalDate): string {
  const what = o.milestone === null ? '整项截止' : planText(o.text, 40);
  const late = o.due < today ? '🔴 ' : '';
  return `${late}${o.itemId} ${planText(o.title, 20)} · ${shortDate(o.due)} ${what}`;
}

function doneMark(purpose: ChoicePurpose): string {
  return purpose === 'undo' ? '↩️ 已撤销' : '✅ 已确认';
}

function intro(input: ChoiceCardInput, open: number): string {
  if (input.cancelled) return '已取消，未作任何记录。';
  if (input.purpose === 'undo')
    return open === 0 ? '以下完成确认均已撤销。' : '以下节点有你所在科室的完成确认。点要撤销的那一项：';
  if (open === 0) return '以下节点均已确认完成，谢谢！';
  if (input.purpose === 'early')
    return `以下节点离截止还有 ${EARLY_WORKDAYS} 个工作日以上。确认已经提前完成了吗？`;
  const whose = input.section ? `${input.section}` : '';
  return `这条提醒里${whose}还有 ${open} 个节点待确认。点完成的那一项，或${replyPhrase(input.groupMessages, '1已完成')}（几项一起：「1、2已完成」）。`;
}

function title(input: ChoiceCardInput, open: number): string {
  if (input.cancelled) return '已取消';
  if (input.purpose === 'undo') return open === 0 ? '已撤销' : '撤销哪一项的完成确认？';
  if (input.purpose === 'early') return open === 0 ? '已确认提前完成' : '确认提前完成？';
  return open === 0 ? '已确认完成' : '请指明完成的是哪一项';
}

function template(input: ChoiceCardInput, open: number): CardTemplate {
  if (input.cancelled) return 'grey';
  if (open === 0) return input.purpose === 'undo' ? 'grey' : 'green';
  return 'orange';
}
