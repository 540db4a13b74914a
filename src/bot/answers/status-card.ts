import type { PlanItem } from '../../understand/retrieval/plan-items.js';
import { card, markdown } from '../cards/card.js';
import type { CommandContext } from '../context.js';
import { occurrenceLines } from '../occurrence-groups.js';
import type { Card } from '../reply.js';

/** "8.4完成了吗", "7.1逾期没": the count first, then every date with its state. */
export async function statusCard(ctx: CommandContext, item: PlanItem): Promise<Card> {
  const occurrences = await ctx.deps.store.occurrencesOfItem(item.id);
  const done = occurrences.filter((o) => o.status === 'done' || o.status === 'verified').length;
  const late = occurrences.filter((o) => o.status === 'overdue').length;
  const verdict =
    occurrences.length > 0 && done === occurrences.length
      ? '**已全部完成** ✅'
      : `**${late > 0 ? `🔴 逾期 ${late} 个节点` : '未逾期'}**，已完成 ${done}/${occurrences.length}`;
  const template = late > 0 ? 'red' : done === occurrences.length ? 'green' : 'blue';
  return card(`${item.id} ${item.title}`, template, [
    markdown(`${verdict}\n${occurrenceLines(occurrences, ctx.today, { itemIds: false }).join('\n')}`),
  ]);
}
