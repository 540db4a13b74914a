import { listCard } from '../cards/list-card.js';
import type { Command } from '../command.js';
import { groupBySection } from '../occurrence-groups.js';
import { cardReply, textReply } from '../reply.js';

/**
 * "我的任务", "我们科还有啥没完成", "预算科还有啥没完成": what the section leads and has not
 * confirmed yet, by due date — the asker's own sections unless one is named.
 */
export const openWorkCommand: Command = {
  intent: 'open-work',
  summary: '我（或某科室）还没完成的任务',
  examples: ['我的任务', '我们科还有啥没完成', '预算科还有啥没完成'],
  async run(ctx, { question }, input) {
    const sections = question.section ? [question.section] : ctx.senderSections;
    if (sections.length === 0) {
      return textReply(
        '你还不是任何科室的负责人或副职，不知道你在哪个科室。可以直接问「预算科还有啥没完成」；或发「我是谁」获取你的 open_id，请督办管理员登记到 org.yaml。',
      );
    }
    const occurrences = (await Promise.all(sections.map((s) => ctx.deps.store.openForSection(s)))).flat();
    const unique = [...new Map(occurrences.map((o) => [o.id, o])).values()].sort((a, b) =>
      a.due.localeCompare(b.due),
    );
    const mine = !question.section;
    return cardReply(
      listCard({
        title: mine ? '我的任务' : `${sections[0]}待完成`,
        template: 'blue',
        summary: `${sections.join('、')}待确认 ${unique.length} 个节点。${mine ? '完成后回复提醒「已完成」，或发「完成 编号」。' : ''}`,
        groups: groupBySection(unique, ctx.today, ctx.config.org, sections),
        empty: '没有待完成的任务 ✅',
        page: input.page,
        query: input.text,
      }),
    );
  },
};
