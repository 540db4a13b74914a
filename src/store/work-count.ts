import type { LocalDate } from '../plan/types.js';
import type { OccurrenceView, ProgressRow } from './store.js';

/**
 * duban's one unit of work, counted the same way by 进度, the weekly digest and the export: an
 * occurrence for one of its lead sections ("按节点计"). An item with two lead sections owes two
 * confirmations per milestone, and each is one unit. A unit is
 * - done once its section confirmed — and, when reminders.yaml says `require_verify: true`, once
 *   an admin verified (销号) the occurrence; confirmed but not yet verified it is `awaiting`;
 * - else overdue from the day after its due date, open before.
 */
export interface CountPolicy {
  requireVerify: boolean;
}

/** What one unit is, as of `today`. */
export type UnitState = 'done' | 'awaiting' | 'overdue' | 'open';

export function unitState(
  view: OccurrenceView,
  section: string,
  today: LocalDate,
  policy: CountPolicy,
): UnitState {
  if (view.confirmations.some((c) => c.section === section)) {
    if (!policy.requireVerify || view.status === 'verified') return 'done';
    return 'awaiting';
  }
  return view.due < today ? 'overdue' : 'open';
}

/**
 * Per chapter, in the plan's order. Chapters with no work to count are left out: an imported
 * plan keeps its prose chapters (总体要求, 工作要求) as chapters without items.
 */
export function countByChapter(
  chapters: readonly { number: number; title: string }[],
  views: readonly OccurrenceView[],
  today: LocalDate,
  policy: CountPolicy,
): ProgressRow[] {
  return chapters
    .map((chapter) => {
      const row = emptyRow(String(chapter.number), chapter.title);
      for (const v of views)
        if (v.chapter === chapter.number) for (const section of v.leads) add(row, v, section, today, policy);
      return row;
    })
    .filter((row) => row.total > 0);
}

/** Per lead section, by name; sections that lead nothing are omitted. */
export function countBySection(
  views: readonly OccurrenceView[],
  today: LocalDate,
  policy: CountPolicy,
): ProgressRow[] {
  const rows = new Map<string, ProgressRow>();
  for (const v of views)
    for (const section of v.leads) {
      const row = rows.get(section) ?? emptyRow(section, section);
      rows.set(section, row);
      add(row, v, section, today, policy);
    }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function countForSection(
  section: string,
  views: readonly OccurrenceView[],
  today: LocalDate,
  policy: CountPolicy,
): ProgressRow {
  const row = emptyRow(section, section);
  for (const v of views) if (v.leads.includes(section)) add(row, v, section, today, policy);
  return row;
}

export function sumRows(rows: readonly ProgressRow[]): ProgressRow {
  const total = emptyRow('', '合计');
  for (const r of rows) {
    total.total += r.total;
    total.done += r.done;
    total.awaiting += r.awaiting;
    total.verified += r.verified;
    total.overdue += r.overdue;
    total.open += r.open;
  }
  return total;
}

function add(
  row: ProgressRow,
  v: OccurrenceView,
  section: string,
  today: LocalDate,
  policy: CountPolicy,
): void {
  row.total++;
  row[unitState(v, section, today, policy)]++;
  if (v.status === 'verified') row.verified++;
}

function emptyRow(key: string, label: string): ProgressRow {
  return { key, label, total: 0, done: 0, awaiting: 0, verified: 0, overdue: 0, open: 0 };
}
