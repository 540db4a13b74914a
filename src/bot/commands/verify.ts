import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import { dueMatches } from '../../understand/command-forms.js';
import type { Question } from '../../understand/intent.js';
import { verifyCard } from '../cards/verify-card.js';
import type { Command } from '../command.js';
import type { CommandContext } from '../context.js';
import { type Reply, textReply } from '../reply.js';
import {
  awaitingVerification,
  describeVerify,
  mayVerify,
  VERIFY_OFF,
  verifyOccurrence,
  verifyRefusal,
} from '../verification.js';

/**
 * "销号 8.4 [9月30日]": an admin verifies the item's confirmed work. One piece waiting: verified at
 * once; several: the 待销号 card with a button each; none: says what the item still lacks.
 */
export const verifyCommand: Command = {
  intent: 'verify',
  summary: '销号：核实科室已完成的工作（管理员，需启用销号）',
  examples: ['销号 8.4', '销号 8.4 9月30日'],
  async run(ctx, { question }) {
    if (!ctx.config.reminders.require_verify) return textReply(VERIFY_OFF);
    if (!mayVerify(ctx)) return textReply(verifyRefusal(ctx, '销号'));
    const occurrences = await namedOccurrences(ctx, question);
    if (occurrences === undefined) return notFound(question);
    const waiting = occurrences.filter(awaitingVerification);
    if (waiting.length === 1)
      return textReply(describeVerify(ctx, await verifyOccurrence(ctx, waiting[0]!, 'command')));
    if (waiting.length > 1) return verifyQueueReply(ctx, waiting);
    const partly = occurrences.find((o) => o.status !== 'verified' && o.confirmations.length > 0);
    if (partly) return textReply(describeVerify(ctx, { kind: 'not-done', occurrence: partly }));
    return textReply(
      `「${question.itemRef ?? ''}」没有待销号的工作：科室确认完成后才能销号。发「待销号」查看全部。`,
    );
  },
};

/** The item's occurrences the question names (by id, or by item and date when given); undefined when none. */
export async function namedOccurrences(
  ctx: CommandContext,
  question: Question,
): Promise<OccurrenceView[] | undefined> {
  if (question.occurrenceId) {
    const one = await ctx.deps.store.occurrence(question.occurrenceId);
    return one ? [one] : undefined;
  }
  if (!question.itemRef) return undefined;
  const all = await ctx.deps.store.occurrencesOfItem(question.itemRef);
  const due = question.due;
  const dated = due ? all.filter((o) => dueMatches(o.due, due)) : all;
  const found = dated.length > 0 ? dated : all;
  return found.length > 0 ? found : undefined;
}

export function notFound(question: Question): Reply {
  const name = escapeMessageText(echo(question.occurrenceId ?? question.itemRef ?? ''));
  return textReply(`没有找到「${name}」。发「待销号」查看等待销号的工作。`);
}

/** The 待销号 card: live, so a click or a text 销号 elsewhere redraws it. */
export function verifyQueueReply(ctx: CommandContext, occurrences: OccurrenceView[]): Reply {
  const card = verifyCard({
    occurrences,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
  });
  return {
    kind: 'card',
    card,
    live: { view: 'verify', section: '', occurrenceIds: occurrences.map((o) => o.id) },
  };
}
