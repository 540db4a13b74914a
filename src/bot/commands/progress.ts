import { CHART_ALT, planProgressChart } from '../../chart/plan-progress.js';
import type { ProgressRow } from '../../store/store.js';
import { countByChapter, countForSection, sumRows } from '../../store/work-count.js';
import { card, image, markdown } from '../cards/card.js';
import { UNIT_NOTE } from '../cards/format.js';
import type { Command } from '../command.js';
import type { CommandContext } from '../context.js';
import { occurrenceLines } from '../occurrence-groups.js';
import { cardReply, type Reply, textReply } from '../reply.js';

/**
 * "进度", "监督科进度咋样", "进度 第三章": completion counted by occurrence and lead section (按节点计,
 * work-count.ts — the weekly digest's unit too), with overdue called out.
 */
export const progressCommand: Command = {
  intent: 'progress',
  summary: '完成进度：全局、某科室或某章',
  examples: ['进度', '监督科进度咋样', '进度 第三章'],
  async run(ctx, { question }) {
    if (question.chapter !== undefined) return chapterProgress(ctx, question.chapter);
    const section = question.section ?? (question.mine ? ctx.senderSections[0] : undefined);
    if (section) return sectionProgress(ctx, section);
    return overallProgress(ctx);
  },
};

async function byChapter(ctx: CommandContext): Promise<ProgressRow[]> {
  return countByChapter(
    ctx.config.plan.chapters,
    await ctx.deps.store.allOccurrences(),
    ctx.today,
    policyOf(ctx),
  );
}

/** The bureau's answer, with the weekly digest's chart drawn from the same read as its numbers. */
async function overallProgress(ctx: CommandContext): Promise<Reply> {
  const views = await ctx.deps.store.allOccurrences();
  const rows = countByChapter(ctx.config.plan.chapters, views, ctx.today, policyOf(ctx));
  const total = sumRows(rows);
  const chartKey = ctx.deps.chart
    ? await ctx.deps.chart(
        planProgressChart(
          views,
          { sections: ctx.config.sections, chapters: ctx.config.plan.chapters },
          ctx.today,
          policyOf(ctx),
        ),
        { purpose: 'progress' },
      )
    : null;
  const lines = rows.map(
    (r) =>
      `${r.key}. ${r.label}：${rate(r)}${r.awaiting ? `，待销号 ${r.awaiting}` : ''}${r.overdue ? `，🔴逾期 ${r.overdue}` : ''}`,
  );
  return cardReply(
    card('全局进度', total.overdue > 0 ? 'orange' : 'green', [
      markdown(
        `**合计**：${total.done}/${total.total} 项已完成（${percent(total)}）${total.awaiting ? `，待销号 ${total.awaiting}` : ''}，逾期 ${total.overdue}`,
      ),
      ...(chartKey ? [image(chartKey, CHART_ALT)] : []),
      markdown(lines.join('\n')),
      markdown(`${UNIT_NOTE}发「进度 预算科」或「进度 第三章」看细项。`),
    ]),
  );
}

async function chapterProgress(ctx: CommandContext, chapter: number): Promise<Reply> {
  const row = (await byChapter(ctx)).find((r) => r.key === String(chapter));
  if (!row) {
    const known = ctx.config.plan.chapters.some((c) => c.number === chapter);
    return textReply(
      known ? `第 ${chapter} 章没有牵头的工作节点。` : `没有第 ${chapter} 章。发「进度」看全部章节。`,
    );
  }
  return cardReply(
    card(`第${chapter}章 ${row.label}`, row.overdue ? 'orange' : 'green', [
      markdown(summary(row, ctx.config.reminders.require_verify)),
      markdown(UNIT_NOTE),
    ]),
  );
}

async function sectionProgress(ctx: CommandContext, section: string): Promise<Reply> {
  const row = countForSection(section, await ctx.deps.store.allOccurrences(), ctx.today, policyOf(ctx));
  if (row.total === 0) return textReply(`${section} 没有牵头的任务节点。`);
  // Recurring milestones share a line, so five lines show five pieces of work, not one month each.
  const next = occurrenceLines(await ctx.deps.store.openForSection(section), ctx.today).slice(0, 5);
  return cardReply(
    card(`${section} 进度`, row.overdue ? 'orange' : 'green', [
      markdown(summary(row, ctx.config.reminders.require_verify)),
      ...(next.length > 0 ? [markdown(`**待完成（最近 ${next.length} 项）**\n${next.join('\n')}`)] : []),
      markdown(UNIT_NOTE),
    ]),
  );
}

/** With require_verify, work counts as done once verified, and confirmed work waits as 待销号. */
function summary(row: ProgressRow, requireVerify: boolean): string {
  const done = requireVerify
    ? `已完成（已销号）${row.done}/${row.total}（${percent(row)}）；待销号 ${row.awaiting}`
    : `已完成 ${row.done}/${row.total}（${percent(row)}）`;
  return `${done}；进行中 ${row.open}；🔴逾期 ${row.overdue}`;
}

function policyOf(ctx: CommandContext) {
  return { requireVerify: ctx.config.reminders.require_verify };
}

function rate(row: ProgressRow): string {
  return `${row.done}/${row.total}`;
}

function percent(row: Pick<ProgressRow, 'done' | 'total'>): string {
  return row.total === 0 ? '—' : `${Math.round((row.done / row.total) * 100)}%`;
}
