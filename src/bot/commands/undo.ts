import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import { dueMatches } from '../../understand/command-forms.js';
import type { Command } from '../command.js';
import { ask, undoTargets } from '../confirm-flow.js';
import { hasConfirmed, refusal, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { type Reply, textReply } from '../reply.js';

/** A bare 撤销 offers the sender's confirmations of the last week, newest first, at most this many. */
const RECENT_DAYS = 7;
const RECENT_SHOWN = 10;

/**
 * "撤销 8.4 9月30日" (or an occurrence id) takes back that confirmation; "撤销 8.4" the item's one
 * confirmation by the sender's section, or asks which with a button each when there are several;
 * a bare "撤销" does the same over the sender's recent confirmations. (A reply 撤销 to the bot's
 * confirmation or reminder is answered by reply-confirm.ts.)
 */
export const undoCommand: Command = {
  intent: 'undo',
  summary: '撤销本科室的完成确认',
  examples: ['撤销 8.4 9月30日', '撤销'],
  async run(ctx, { question }) {
    if (question.occurrenceId) {
      const occurrence = await ctx.deps.store.occurrence(question.occurrenceId);
      if (!occurrence) return textReply(`没有找到「${escapeMessageText(echo(question.occurrenceId))}」。`);
      return undoTargets(ctx, [occurrence], 'command');
    }
    if (!question.itemRef) return undoRecent(ctx);
    let occurrences = await ctx.deps.store.occurrencesOfItem(question.itemRef);
    const due = question.due;
    if (due && occurrences.some((o) => dueMatches(o.due, due)))
      occurrences = occurrences.filter((o) => dueMatches(o.due, due));
    if (occurrences.length === 0)
      return textReply(`没有找到「${escapeMessageText(echo(question.itemRef))}」。`);
    return undoAmong(ctx, occurrences, `「${question.itemRef}${due ? ` ${due.text}` : ''}」`);
  },
};

async function undoAmong(ctx: CommandContext, occurrences: OccurrenceView[], named: string): Promise<Reply> {
  const mayAct = occurrences.filter((o) => sectionsFor(ctx, o).length > 0);
  if (mayAct.length === 0) return textReply(refusal(ctx, occurrences[0]!, '撤销'));
  const confirmed = mayAct.filter((o) => hasConfirmed(ctx, o));
  if (confirmed.length === 0) return textReply(`${named}还没有你所在科室的完成确认，无需撤销。`);
  if (confirmed.length === 1) return undoTargets(ctx, confirmed, 'command');
  return ask(ctx, 'undo', confirmed, '');
}

/** "撤销" alone: the confirmations the sender's sections (or, for an admin, the sender) made lately. */
async function undoRecent(ctx: CommandContext): Promise<Reply> {
  if (ctx.senderSections.length === 0 && !ctx.senderIsAdmin)
    return textReply('抱歉，只有各科室负责人或督办管理员可以撤销完成确认。');
  const since = ctx.now.getTime() - RECENT_DAYS * 86_400_000;
  const me = ctx.inbound.sender.openId;
  const latest = (o: OccurrenceView) =>
    Math.max(
      0,
      ...o.confirmations
        .filter((c) => sectionsFor(ctx, o).includes(c.section))
        .filter((c) => c.by === me || ctx.senderSections.includes(c.section))
        .map((c) => Date.parse(c.at))
        .filter((at) => at >= since),
    );
  const recent = (await ctx.deps.store.allOccurrences())
    .map((o) => ({ o, at: latest(o) }))
    .filter((x) => x.at > 0)
    .sort((a, b) => b.at - a.at || b.o.due.localeCompare(a.o.due))
    .slice(0, RECENT_SHOWN)
    .map((x) => x.o);
  if (recent.length === 0)
    return textReply(
      `最近 ${RECENT_DAYS} 天没有你所在科室的完成确认。要撤销更早的，请写明哪一项，例如「撤销 8.4 9月30日」。`,
    );
  if (recent.length === 1) return undoTargets(ctx, recent, 'command');
  return ask(ctx, 'undo', recent, '');
}
