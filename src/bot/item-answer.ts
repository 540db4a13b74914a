import type { OccurrenceView, StoredItem } from '../store/store.js';
import { itemCard, nextOccurrence } from './cards/item-card.js';
import { sectionsFor } from './confirmation.js';
import type { CommandContext } from './context.js';
import type { Card } from './reply.js';

/** The item card as this reader should see it: with "标记完成" when they may confirm what is next. */
export async function itemAnswerCard(
  ctx: CommandContext,
  item: StoredItem,
  justConfirmed?: { occurrence: OccurrenceView; sections: string[] },
): Promise<Card> {
  const occurrences = await ctx.deps.store.occurrencesOfItem(item.id);
  const next = nextOccurrence(occurrences, ctx.today);
  return itemCard({
    item,
    occurrences,
    today: ctx.today,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
    confirmable: next && canAct(ctx, next) ? next : undefined,
    justConfirmed,
  });
}

/** Whether the sender may confirm `occurrence` and has not done so yet for all their sections. */
export function canAct(ctx: CommandContext, occurrence: OccurrenceView): boolean {
  return sectionsFor(ctx, occurrence).some((s) => !occurrence.confirmations.some((c) => c.section === s));
}
