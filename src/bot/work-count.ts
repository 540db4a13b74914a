import type { LocalDate } from '../plan/types.js';
import type { OccurrenceView, ProgressRow } from '../store/store.js';

/**
 * duban's one unit of work: an occurrence for one of its lead sections ("按节点计"). An item with
 * two lead sections owes two confirmations per milestone, and each is one unit — done once that
 * section confirmed, overdue when not and past its due date. 进度 counts it by chapter and by
 * section, and the weekly digest by section (Store.progressBySection counts the same unit), so
 * every total the bureau sees is the same number.
 */
export const UNIT_NOTE = '按节点计：每个节点每个牵头科室计 1 项。';

export function countByChapter(
  chapters: readonly { number: number; title: string }[],
  views: readonly OccurrenceView[],
  today: LocalDate,
): ProgressRow[] {
  return chapters.map((chapter) =>
    count(
      String(chapter.number),
      chapter.title,
      views.filter((v) => v.chapter === chapter.number),
      today,
    ),
  );
}

export function countForSection(
  section: string,
  views: readonly OccurrenceView[],
  today: LocalDate,
): ProgressRow {
  const units = views.filter((v) => v.leads.includes(section));
  const row = emptyRow(section, section);
  for (const v of units) add(row, v, section, today);
  return row;
}

export function sumRows(rows: readonly ProgressRow[]): ProgressRow {
  const total = emptyRow('', '合计');
  for (const r of rows) {
    total.total += r.total;
    total.done += r.done;
    total.verified += r.verified;
    total.overdue += r.overdue;
    total.open += r.open;
  }
  return total;
}

function count(key: string, label: string, views: readonly OccurrenceView[], today: LocalDate): ProgressRow {
  const row = emptyRow(key, label);
  for (const v of views) for (const section of v.leads) add(row, v, section, today);
  return row;
}

function add(row: ProgressRow, v: OccurrenceView, section: string, today: LocalDate): void {
  row.total++;
  if (v.confirmations.some((c) => c.section === section)) row.done++;
  else if (v.due < today) row.overdue++;
  else row.open++;
  if (v.status === 'verified') row.verified++;
}

function emptyRow(key: string, label: string): ProgressRow {
  return { key, label, total: 0, done: 0, verified: 0, overdue: 0, open: 0 };
}
