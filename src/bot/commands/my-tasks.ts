import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply, textReply } from '../reply.js';

/** "我的任务": what the sender's sections lead and have not confirmed yet, by due date. */
export const myTasksCommand: Command = {
  name: 'my-tasks',
  summary: '我所在科室待完成的任务',
  examples: ['我的任务', '我科室的任务', 'my tasks'],
  match({ text, page }, ctx) {
    if (!/^(我的任务|我科室的任务|我们科室的任务|本科室任务|我的待办|待办|my tasks|mine)$/.test(text))
      return undefined;
    return async () => {
      if (ctx.senderSections.length === 0) {
        return textReply(
          '你还不是任何科室的负责人或副职，所以没有需要你确认的任务。发「我是谁」获取你的 open_id，请督办管理员登记到 org.yaml。',
        );
      }
      const occurrences = (
        await Promise.all(ctx.senderSections.map((s) => ctx.deps.store.openForSection(s)))
      ).flat();
      const unique = [...new Map(occurrences.map((o) => [o.id, o])).values()].sort((a, b) =>
        a.due.localeCompare(b.due),
      );
      const groups = groupBySection(unique, ctx.today, ctx.config.org, ctx.senderSections);
      return cardReply(
        listCard({
          title: '我的任务',
          template: 'blue',
          summary: `${ctx.senderSections.join('、')}待确认 ${unique.length} 个节点。完成后回复提醒「已完成」，或发「完成 编号」。`,
          groups,
          empty: '没有待完成的任务 ✅',
          page,
          query: text,
        }),
      );
    };
  },
};
