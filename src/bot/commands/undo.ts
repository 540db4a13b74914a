import { echo, escapeMessageText } from '../../text/user-text.js';
import type { Command } from '../command.js';
import { describeUndo, sectionsFor, undoOccurrence } from '../confirmation.js';
import { textReply } from '../reply.js';

/** "撤销 8.4": withdraws the sender's section's latest confirmation on the item. */
export const undoCommand: Command = {
  intent: 'undo',
  summary: '撤销本科室最近一次完成确认',
  examples: ['撤销 8.4', 'undo 8.4'],
  async run(ctx, { question }) {
    const itemId = question.itemRef!;
    const occurrenceId = question.occurrenceId;
    const occurrences = await ctx.deps.store.occurrencesOfItem(itemId);
    const candidates = occurrences.filter((o) => (occurrenceId ? o.id === occurrenceId : true));
    // The most recent confirmation by one of the sender's sections is the one they mean to take back.
    const latest = candidates
      .flatMap((o) =>
        o.confirmations.filter((c) => sectionsFor(ctx, o).includes(c.section)).map((c) => ({ o, at: c.at })),
      )
      .sort((a, b) => b.at.localeCompare(a.at) || b.o.due.localeCompare(a.o.due))[0];
    const target = latest?.o ?? candidates[0];
    if (!target) return textReply(`没有找到「${escapeMessageText(echo(occurrenceId ?? itemId))}」。`);
    return textReply(describeUndo(await undoOccurrence(ctx, target, 'command')));
  },
};
