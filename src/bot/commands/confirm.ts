import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import type { Command } from '../command.js';
import { confirmOccurrence, describeConfirm, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { type Reply, textReply } from '../reply.js';

/** "完成 8.4 [备注]", "8.4 已完成": the sender's section confirms the item's next open milestone. */
export const confirmCommand: Command = {
  intent: 'confirm',
  summary: '确认完成（牵头科室负责人或管理员）',
  examples: ['完成 8.4 已报送检查报告', '8.4 已完成'],
  run: (ctx, { question }) =>
    confirm(
      ctx,
      question.occurrenceId ? { occurrenceId: question.occurrenceId } : question.itemRef!,
      question.note ?? '',
    ),
};

async function confirm(
  ctx: CommandContext,
  target: string | { occurrenceId: string },
  note: string,
): Promise<Reply> {
  const occurrence =
    typeof target === 'string'
      ? await nextToConfirm(ctx, target)
      : await ctx.deps.store.occurrence(target.occurrenceId);
  if (!occurrence) {
    const name = escapeMessageText(echo(typeof target === 'string' ? target : target.occurrenceId));
    return textReply(
      `没有找到「${name}」，或它的节点都已确认。发「${typeof target === 'string' ? name : '进度'}」查看。`,
    );
  }
  return textReply(describeConfirm(await confirmOccurrence(ctx, occurrence, note, 'command')));
}

/**
 * The item's earliest occurrence the sender still owes; failing that its earliest pending one (so a
 * sender who may not confirm hears who can), or undefined when everything is confirmed.
 */
async function nextToConfirm(ctx: CommandContext, itemId: string): Promise<OccurrenceView | undefined> {
  const occurrences = await ctx.deps.store.occurrencesOfItem(itemId);
  const owed = (o: OccurrenceView) =>
    sectionsFor(ctx, o).some((s) => !o.confirmations.some((c) => c.section === s));
  const pending = occurrences.filter((o) => o.status === 'open' || o.status === 'overdue');
  return pending.find(owed) ?? occurrences.find(owed) ?? pending[0];
}
