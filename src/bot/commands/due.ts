import { soonWindow } from '../../understand/period.js';
import { shortDate } from '../cards/format.js';
import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply } from '../reply.js';

/** "本周到期", "下个月有什么要交的", "近30天": what falls due in the window, by section. */
export const dueCommand: Command = {
  intent: 'due-window',
  summary: '某段时间内到期的任务（按科室）',
  examples: ['本周到期', '下个月有什么要交的', '近30天', '下周'],
  async run(ctx, { question }, input) {
    const span = question.period ?? soonWindow(ctx.today);
    const only = question.section ? [question.section] : question.mine ? ctx.senderSections : undefined;
    const due = await ctx.deps.store.dueBetween(span.from, span.to, { openOnly: true });
    const occurrences = only ? due.filter((o) => o.leads.some((s) => only.includes(s))) : due;
    const whose = only && only.length > 0 ? only.join('、') : '';
    return cardReply(
      listCard({
        title: `${whose}${span.label}到期`,
        template: 'orange',
        summary: `${shortDate(span.from)}—${shortDate(span.to)}，待完成 ${occurrences.length} 个节点：`,
        groups: groupBySection(occurrences, ctx.today, ctx.config.org, only),
        empty: '这段时间没有待完成的节点 ✅',
        page: input.page,
        query: input.text,
      }),
    );
  },
};
