import type { OccurrenceView } from '../store/store.js';
import { dueMatches } from '../understand/command-forms.js';
import { knowledgeOf } from '../understand/knowledge.js';
import { namedInPlan, namedWithin } from '../understand/within.js';
import { hasConfirmed, owes, sectionsFor } from './confirmation.js';
import type { CommandContext } from './context.js';
import type { ReplyReading } from './reply-reading.js';

/**
 * What a reply to a card aims at, among what the card shows (in card order, so line numbers are
 * the card's). Candidates are the card's work the replier's section still owes (for 撤销: has
 * confirmed); lines, an item number, a date or words naming the work narrow them. `explicit`:
 * the reply named the occurrence by line or date, so it is taken at its word however early.
 */
export type Aim =
  | { kind: 'targets'; occurrences: OccurrenceView[]; explicit: boolean; note: string }
  | { kind: 'ask'; occurrences: OccurrenceView[]; note: string }
  | { kind: 'none'; message: string };

export function aimReply(
  ctx: CommandContext,
  reading: ReplyReading,
  shown: OccurrenceView[],
  cardSection?: string,
): Aim {
  const undo = reading.verb === 'undo';
  const pending = (o: OccurrenceView) =>
    undo ? hasConfirmed(ctx, o, cardSection) : owes(ctx, o, cardSection);
  if (reading.lines.length > 0) {
    const picked = reading.lines.map((n) => shown[n - 1]);
    if (picked.some((o) => o === undefined))
      return {
        kind: 'none',
        message: `这条消息只列了 ${shown.length} 项，请写 1 到 ${shown.length} 之间的序号。`,
      };
    return { kind: 'targets', occurrences: picked as OccurrenceView[], explicit: true, note: reading.note };
  }
  let list = shown.filter((o) => sectionsFor(ctx, o, cardSection).length > 0);
  const notes = [reading.note];
  let explicit = false;
  if (reading.itemRef) {
    list = list.filter((o) => o.itemId === reading.itemRef);
    if (list.length === 0) return { kind: 'none', message: `这条消息里没有 ${reading.itemRef} 的工作节点。` };
  }
  if (reading.due) {
    const due = reading.due;
    const dated = list.filter((o) => dueMatches(o.due, due));
    if (dated.length > 0) {
      list = dated;
      explicit = dated.length === 1;
    } else notes.unshift(due.text);
  }
  if (reading.words && list.length > 0) {
    const knowledge = knowledgeOf(ctx.config);
    const named = namedWithin(reading.words, list, knowledge);
    if (named !== undefined) list = [list[named]!];
    else {
      const other = namedInPlan(reading.words, knowledge);
      if (other && !list.some((o) => o.itemId === other))
        return {
          kind: 'none',
          message: `这条消息里没有 ${other} 的工作节点。请回复那项工作的提醒，或发「完成 ${other}」。`,
        };
      notes.unshift(reading.words);
    }
  }
  const note = notes.filter(Boolean).join('，');
  if (reading.all) {
    const all = list.filter(pending);
    return all.length > 0 ? { kind: 'targets', occurrences: all, explicit, note } : nothingLeft(undo);
  }
  if (list.length === 1) return { kind: 'targets', occurrences: list, explicit, note };
  const open = list.filter(pending);
  if (open.length === 1) return { kind: 'targets', occurrences: open, explicit, note };
  if (open.length === 0) return nothingLeft(undo);
  return { kind: 'ask', occurrences: open, note };
}

function nothingLeft(undo: boolean): Aim {
  return {
    kind: 'none',
    message: undo
      ? '这条消息里没有你所在科室的完成确认，无需撤销。'
      : '这条提醒里你所在科室的节点都已确认，无需重复确认。',
  };
}
