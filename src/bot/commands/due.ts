import { addDays } from '../../plan/workdays.js';
import { shortDate } from '../cards/format.js';
import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { dueWindowOf } from '../due-window.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply } from '../reply.js';

/** "本周到期", "本月到期", "近30天", "下周": what falls due in the window, by section. */
export const dueCommand: Command = {
  name: 'due',
  summary: '某段时间内到期的任务（按科室）',
  examples: ['本周到期', '本月到期', '近30天', '下周'],
  match({ text, page }, ctx) {
    const window = dueWindowOf(text, ctx.today);
    const asksDue = /到期|截止|due|要完成|快到/.test(text);
    const bareWindow = /^(本周|这周|下周|本月|下个?月|近\d+天|未来\d+天|\d+天内|今天|明天)$/.test(text);
    if (!(asksDue || bareWindow) || (!window && !asksDue)) return undefined;
    const span = window ?? { from: ctx.today, to: addDays(ctx.today, 7), label: '近 7 天' };
    return async () => {
      const occurrences = await ctx.deps.store.dueBetween(span.from, span.to, { openOnly: true });
      const groups = groupBySection(occurrences, ctx.today, ctx.config.org);
      return cardReply(
        listCard({
          title: `${span.label}到期`,
          template: 'orange',
          summary: `${shortDate(span.from)}—${shortDate(span.to)}，待完成 ${occurrences.length} 个节点：`,
          groups,
          empty: '这段时间没有待完成的节点 ✅',
          page,
          query: text,
        }),
      );
    };
  },
};
