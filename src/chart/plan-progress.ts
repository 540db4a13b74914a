import { shortDate, UNIT_NOTE } from '../bot/cards/format.js';
import type { LocalDate } from '../plan/types.js';
import type { OccurrenceView, ProgressRow } from '../store/store.js';
import { type CountPolicy, countByChapter, countForSection } from '../store/work-count.js';
import type { ChartBar, ProgressChartInput } from './progress-chart.js';

/** What Lark shows for the chart while it loads or where it cannot. */
export const CHART_ALT = '督办进度图：按牵头科室、按章节的完成、进行中和逾期';

export interface ChartPlan {
  /** org.yaml order; sections that lead nothing are left out of the picture. */
  sections: readonly string[];
  chapters: readonly { number: number; title: string }[];
}

/**
 * What the progress chart shows on `today`: every section that leads work and every chapter,
 * counted in the unit 进度 and the weekly digest use (store/work-count.ts), so the picture and
 * the numbers in the card beside it agree.
 */
export function planProgressChart(
  views: readonly OccurrenceView[],
  plan: ChartPlan,
  today: LocalDate,
  policy: CountPolicy,
): ProgressChartInput {
  const sections = plan.sections.map((s) => countForSection(s, views, today, policy));
  const chapters = countByChapter(plan.chapters, views, today, policy);
  return {
    title: `督办进度 · 截至${shortDate(today)}`,
    subtitle: UNIT_NOTE,
    panels: [
      { heading: '按牵头科室', bars: sections.map((r) => bar(r, r.label)) },
      { heading: '按章节', bars: chapters.map((r) => bar(r, `${r.key}. ${r.label}`)) },
    ],
  };
}

function bar(row: ProgressRow, label: string): ChartBar {
  return { label, done: row.done, awaiting: row.awaiting, open: row.open, overdue: row.overdue };
}
