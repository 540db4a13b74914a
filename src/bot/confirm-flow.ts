import type { ConfirmSource, OccurrenceView } from '../store/store.js';
import { markdown } from './cards/card.js';
import { type ChoicePurpose, choiceCard } from './cards/choice-card.js';
import { confirmOccurrence, describeConfirm, describeUndo, owes, undoOccurrence } from './confirmation.js';
import type { CommandContext } from './context.js';
import { isEarly } from './early.js';
import { cardReply, type Reply, textReply } from './reply.js';

/**
 * The answers that change the ledger, shared by replies and commands: confirm what was aimed at
 * (asking first about work far from its due date, unless it was named by date or line), undo,
 * or ask which with one button per item.
 */
export interface ConfirmOptions {
  /** Named by date, line or id: no early question. */
  explicit: boolean;
  source: ConfirmSource;
  /** The section the answered card addressed (an admin confirms for it). */
  cardSection?: string;
}

export async function confirmTargets(
  ctx: CommandContext,
  targets: OccurrenceView[],
  note: string,
  options: ConfirmOptions,
): Promise<Reply> {
  const { cardSection } = options;
  const early = options.explicit
    ? []
    : targets.filter((o) => owes(ctx, o, cardSection) && isEarly(o, ctx.today));
  const outcomes = [];
  for (const o of targets)
    if (!early.includes(o)) outcomes.push(await confirmOccurrence(ctx, o, note, options.source, cardSection));
  if (early.length === 0) return textReply(outcomes.map((x) => describeConfirm(ctx, x)).join('\n'));
  const reply = ask(ctx, 'early', early, note, cardSection);
  if (outcomes.length === 0 || reply.kind !== 'card') return reply;
  // What this message did confirm is said above the question about the rest.
  const said = outcomes.map((x) => markdown(describeConfirm(ctx, x, 'card')));
  return { ...reply, card: { ...reply.card, body: { elements: [...said, ...reply.card.body.elements] } } };
}

export async function undoTargets(
  ctx: CommandContext,
  targets: OccurrenceView[],
  source: ConfirmSource,
  cardSection?: string,
): Promise<Reply> {
  const lines = [];
  for (const o of targets) lines.push(describeUndo(ctx, await undoOccurrence(ctx, o, source, cardSection)));
  return textReply(lines.join('\n'));
}

/**
 * A question with one button per candidate: which is done (a live card, redrawn as the work is
 * confirmed any way, and a reply to it aims by its own line numbers), whether early work is
 * really done, which confirmation to take back.
 */
export function ask(
  ctx: CommandContext,
  purpose: ChoicePurpose,
  occurrences: OccurrenceView[],
  note: string,
  cardSection?: string,
): Reply {
  const section = whose(ctx, occurrences, cardSection);
  const card = choiceCard({
    purpose,
    occurrences,
    section,
    note,
    today: ctx.today,
    groupMessages: ctx.config.reminders.group_messages,
  });
  if (purpose !== 'which') return cardReply(card);
  return {
    kind: 'card',
    card,
    live: { view: 'which', section, note, occurrenceIds: occurrences.map((o) => o.id) },
  };
}

/** The section whose confirmations the question is about: the sender's own, else the card's; '' for an admin. */
function whose(ctx: CommandContext, occurrences: OccurrenceView[], cardSection?: string): string {
  const own = ctx.senderSections.find((s) => occurrences.some((o) => o.leads.includes(s)));
  return own ?? (ctx.senderIsAdmin && cardSection ? cardSection : '');
}
