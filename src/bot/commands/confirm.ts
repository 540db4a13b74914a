import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import { dueMatches } from '../../understand/command-forms.js';
import type { Command } from '../command.js';
import { ask, confirmTargets } from '../confirm-flow.js';
import { owes } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { textReply } from '../reply.js';

/**
 * "完成 8.4 [备注]", "8.4 已完成": the sender's section confirms the item's next due occurrence —
 * asking first when that is more than 5 work days away. "8.4 9月30日 已完成" (or an occurrence id)
 * names one occurrence and is taken at its word.
 */
export const confirmCommand: Command = {
  intent: 'confirm',
  summary: '确认完成（牵头科室负责人或管理员）',
  examples: ['完成 8.4 已报送检查报告', '8.4 9月30日 已完成'],
  async run(ctx, { question }) {
    const note = question.note ?? '';
    const options = { source: 'command' as const };
    if (question.occurrenceId) {
      const occurrence = await ctx.deps.store.occurrence(question.occurrenceId);
      if (!occurrence) return notFound(question.occurrenceId, '进度');
      return confirmTargets(ctx, [occurrence], note, { ...options, explicit: true });
    }
    const itemRef = question.itemRef!;
    const occurrences = await ctx.deps.store.occurrencesOfItem(itemRef);
    let rest = note;
    if (question.due) {
      const due = question.due;
      const dated = occurrences.filter((o) => dueMatches(o.due, due));
      const owed = dated.filter((o) => owes(ctx, o));
      if (dated.length === 1) return confirmTargets(ctx, dated, note, { ...options, explicit: true });
      if (owed.length === 1) return confirmTargets(ctx, owed, note, { ...options, explicit: true });
      if (owed.length > 1) return ask(ctx, 'which', owed, note);
      if (dated.length > 0) return confirmTargets(ctx, [dated[0]!], note, { ...options, explicit: true });
      // A date that names none of the item's occurrences was part of the note ("完成 8.4 9月27日已检查").
      if (dated.length === 0) rest = [due.text, note].filter(Boolean).join(' ');
    }
    const next = nextToConfirm(ctx, occurrences);
    if (!next) return notFound(itemRef, itemRef);
    return confirmTargets(ctx, [next], rest, { ...options, explicit: false });
  },
};

function notFound(target: string, hint: string) {
  const name = escapeMessageText(echo(target));
  return textReply(`没有找到「${name}」，或它的节点都已确认。发「${escapeMessageText(echo(hint))}」查看。`);
}

/**
 * The item's earliest occurrence the sender still owes; failing that its earliest pending one (so a
 * sender who may not confirm hears who can), or undefined when everything is confirmed.
 */
function nextToConfirm(ctx: CommandContext, occurrences: OccurrenceView[]): OccurrenceView | undefined {
  const pending = occurrences.filter((o) => o.status === 'open' || o.status === 'overdue');
  return pending.find((o) => owes(ctx, o)) ?? occurrences.find((o) => owes(ctx, o)) ?? pending[0];
}
