import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply } from '../reply.js';

/** "逾期", "哪些科室拖了没完成", "债务科逾期了哪些": past due and not confirmed, by the section owing it. */
export const overdueCommand: Command = {
  intent: 'overdue',
  summary: '已逾期未完成的任务（按科室）',
  examples: ['逾期', '哪些科室拖了没完成', 'overdue'],
  async run(ctx, { question }, input) {
    const only = question.section ? [question.section] : question.mine ? ctx.senderSections : undefined;
    const all = await ctx.deps.store.overdue(ctx.now);
    const occurrences = only ? all.filter((o) => o.leads.some((s) => only.includes(s))) : all;
    return cardReply(
      listCard({
        title: only && only.length > 0 ? `${only.join('、')}逾期未完成` : '逾期未完成',
        template: occurrences.length > 0 ? 'red' : 'green',
        summary: `截至 ${ctx.today}，逾期 ${occurrences.length} 个节点：`,
        groups: groupBySection(occurrences, ctx.today, ctx.config.org, only),
        empty: '没有逾期的任务 ✅',
        page: input.page,
        query: input.text,
      }),
    );
  },
};
