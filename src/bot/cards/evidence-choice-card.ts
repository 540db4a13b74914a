import type { LocalDate } from '../../plan/types.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeCardText } from '../../text/user-text.js';
import type { Attachment } from '../inbound.js';
import type { Card } from '../reply.js';
import { button, card, markdown } from './card.js';
import { dueIn, planText, shortDate } from './format.js';

export interface EvidenceChoiceInput {
  occurrences: OccurrenceView[];
  attachments: readonly Attachment[];
  /** The message that carried them: Lark serves them only with it. */
  messageId: string;
  /** The section the answered card addressed ('' for the sender's own). */
  section: string;
  /** The reply also said done: the click confirms too, with `note`. */
  confirm: boolean;
  note: string;
  today: LocalDate;
}

/** "这份材料是哪一项的佐证？" — a button per piece of work; never internal ids. */
export function evidenceChoiceCard(input: EvidenceChoiceInput): Card {
  const names = input.attachments.map((a) => `「${escapeCardText(echo(a.name, 40))}」`).join('');
  const elements = [
    markdown(
      `收到${names}。这份材料是哪一项工作的佐证？${input.confirm ? '点选后同时记为完成。' : '点选后记入该项。'}`,
    ),
  ];
  input.occurrences.forEach((o, index) => {
    const n = index + 1;
    const what = o.milestone === null ? `${o.title}（整项截止）` : o.text;
    elements.push(
      markdown(
        `**${n}.** ${o.itemId} ${shortDate(o.due)} ${planText(what, 40)} · ${dueIn(o.due, input.today)}`,
      ),
    );
    elements.push(
      button(`第${n}项`, {
        action: 'evidence',
        occurrenceId: o.id,
        attachments: input.attachments.map(({ kind, key, name }) => ({ kind, key, name })),
        messageId: input.messageId,
        section: input.section,
        confirm: input.confirm,
        note: input.note,
      }),
    );
  });
  return card('佐证材料记入哪一项？', 'blue', elements);
}
