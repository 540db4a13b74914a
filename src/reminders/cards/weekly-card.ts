import { card, divider, image, markdown } from '../../bot/cards/card.js';
import { dueIn, planText, shortDate, UNIT_NOTE } from '../../bot/cards/format.js';
import type { Card, CardElement } from '../../bot/reply.js';
import { CHART_ALT } from '../../chart/plan-progress.js';
import type { Org } from '../../config/org-schema.js';
import type { LocalDate } from '../../plan/types.js';
import { notReportedLine, type UnreportedRound } from '../../progress/not-reported.js';
import type { OccurrenceView, ProgressRow } from '../../store/store.js';
import { weekStart } from '../period.js';

export interface WeeklyCardInput {
  today: LocalDate;
  /** countBySection (store/work-count.ts): per lead section, counted from that section's side. */
  rows: ProgressRow[];
  /** Per section, what it leads and has not confirmed, due within 14 days / overdue. */
  dueSoon: Map<string, OccurrenceView[]>;
  overdue: Map<string, OccurrenceView[]>;
  /** org.yaml order. */
  sections: string[];
  org: Org;
  /** The uploaded progress chart, shown under the bureau's line; none when it could not be made. */
  chartKey?: string | null;
  /** 进展填报's latest round and who has not reported; absent when off or no round went out. */
  progress?: UnreportedRound | null;
}

/** Lines of overdue and due-soon work shown per section before "…等 N 项". */
const LIST_PER_SECTION = 3;

/**
 * The Monday card for the leadership chat: the bureau's completion rate, then one block per
 * section with its rate, overdue and due-soon counts and the most pressing items. Counted in the
 * unit 进度 uses (occurrence × lead section, store/work-count.ts), and says so once.
 */
export function weeklyCard(input: WeeklyCardInput): Card {
  const { today, rows } = input;
  const total = rows.reduce((n, r) => n + r.total, 0);
  const done = rows.reduce((n, r) => n + r.done, 0);
  const overdue = rows.reduce((n, r) => n + r.overdue, 0);
  const awaiting = rows.reduce((n, r) => n + r.awaiting, 0);
  const soon = [...input.dueSoon.values()].reduce((n, l) => n + l.length, 0);
  const order = (s: string) => {
    const i = input.sections.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const elements: CardElement[] = [
    markdown(
      `**全局**：完成 ${done}/${total}（${rate(done, total)}）${awaiting > 0 ? ` · 待销号 ${awaiting}` : ''} · 🔴 逾期 ${overdue} · ⏳ ${shortDate(today)}起两周内到期 ${soon}`,
    ),
    ...(input.progress ? [markdown(notReportedLine(input.progress))] : []),
    ...(input.chartKey ? [image(input.chartKey, CHART_ALT)] : []),
    divider(),
  ];
  for (const row of [...rows].sort((a, b) => order(a.key) - order(b.key))) {
    const late = input.overdue.get(row.key) ?? [];
    const coming = input.dueSoon.get(row.key) ?? [];
    const lines = [
      `**${row.label}** 完成 ${row.done}/${row.total}（${rate(row.done, row.total)}）${row.awaiting > 0 ? ` · 待销号 ${row.awaiting}` : ''} · 逾期 ${row.overdue} · 两周内到期 ${coming.length}`,
      ...listed(late, (o) => `🔴 ${o.itemId} ${what(o)}（${dueIn(o.due, today)}）`),
      ...listed(coming, (o) => `⏳ ${o.itemId} ${what(o)}（${shortDate(o.due)}截止）`),
    ];
    elements.push(markdown(lines.join('\n')));
  }
  if (rows.length === 0) elements.push(markdown('计划中暂无牵头任务。'));
  else elements.push(markdown(UNIT_NOTE));
  const template = overdue > 0 ? 'orange' : 'blue';
  return card(`督办周报 · ${weekStart(today)} 当周`, template, elements);
}

function listed(items: OccurrenceView[], line: (o: OccurrenceView) => string): string[] {
  const shown = items.slice(0, LIST_PER_SECTION).map(line);
  if (items.length > LIST_PER_SECTION) shown.push(`…等 ${items.length} 项`);
  return shown;
}

function what(o: OccurrenceView): string {
  return planText(o.milestone === null ? `${o.title}（完成时限）` : o.text, 36);
}

function rate(done: number, total: number): string {
  return total === 0 ? '—' : `${Math.round((done / total) * 100)}%`;
}
