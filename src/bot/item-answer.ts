import type { OccurrenceView } from '../store/store.js';
import type { Intent } from '../understand/intent.js';
import type { Knowledge } from '../understand/knowledge.js';
import type { PlanItem } from '../understand/retrieval/plan-items.js';
import { howMuchCard } from './answers/how-much-card.js';
import { statusCard } from './answers/status-card.js';
import { whenCard } from './answers/when-card.js';
import { type ItemFacts, itemCard, nextOccurrence } from './cards/item-card.js';
import { sectionsFor } from './confirmation.js';
import type { CommandContext } from './context.js';
import type { Card } from './reply.js';

/** The item card as this reader should see it: with "标记完成" when they may confirm what is next. */
export async function itemAnswerCard(
  ctx: CommandContext,
  item: ItemFacts,
  justConfirmed?: { occurrence: OccurrenceView; sections: string[] },
): Promise<Card> {
  const [occurrences, notes] = await Promise.all([
    ctx.deps.store.occurrencesOfItem(item.id),
    ctx.deps.store.progressNotes(item.id),
  ]);
  const next = nextOccurrence(occurrences, ctx.today);
  return itemCard({
    item,
    occurrences,
    today: ctx.today,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
    confirmable: next && canAct(ctx, next) ? next : undefined,
    justConfirmed,
    notes,
  });
}

/**
 * The answer about one item, shaped by what was asked: when → the date first, how much → the
 * figure first, status → the count first; who and what → the item card. Shared by the commands
 * and by the buttons that offer other items.
 */
export async function answerAboutItem(
  ctx: CommandContext,
  knowledge: Knowledge,
  intent: Intent,
  item: PlanItem,
  topic: string,
): Promise<Card> {
  if (intent === 'when-due') return whenCard(ctx, knowledge, item, topic);
  if (intent === 'how-much') return howMuchCard(ctx, knowledge, item, topic);
  if (intent === 'item-status') return statusCard(ctx, item);
  return itemAnswerCard(ctx, item);
}

/** Whether the sender may confirm `occurrence` and has not done so yet for all their sections. */
export function canAct(ctx: CommandContext, occurrence: OccurrenceView): boolean {
  return sectionsFor(ctx, occurrence).some((s) => !occurrence.confirmations.some((c) => c.section === s));
}
