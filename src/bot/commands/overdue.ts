import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply } from '../reply.js';

/** "逾期", "超期": everything past due and not confirmed, by the section that still owes it. */
export const overdueCommand: Command = {
  name: 'overdue',
  summary: '已逾期未完成的任务（按科室）',
  examples: ['逾期', '超期', 'overdue'],
  match({ text, page }, ctx) {
    if (!/^(逾期|超期|过期|已逾期|逾期任务|超期任务|逾期的|overdue)$/.test(text)) return undefined;
    return async () => {
      const occurrences = await ctx.deps.store.overdue(ctx.now);
      return cardReply(
        listCard({
          title: '逾期未完成',
          template: occurrences.length > 0 ? 'red' : 'green',
          summary: `截至 ${ctx.today}，逾期 ${occurrences.length} 个节点：`,
          groups: groupBySection(occurrences, ctx.today, ctx.config.org),
          empty: '没有逾期的任务 ✅',
          page,
          query: text,
        }),
      );
    };
  },
};
