import type { LocalDate } from '../plan/types.js';
import { compareItemIds } from './local-date.js';
import type { OccurrenceRecord } from './snapshot.js';
import type { Confirmation, OccurrenceStatus, OccurrenceView, ProgressRow, Verification } from './store.js';

/**
 * Occurrence views, statuses and progress, computed here once for both stores from the raw
 * ledger they read: each occurrence's record, confirmations, verification and archived flag.
 *
 * There are no indexes. A bureau's plan is ~100 occurrences a year, so every list and count reads
 * all of them and filters here; at that size this costs well under a millisecond beside the
 * round trip (bench/store.bench.ts).
 */

/** One stored occurrence as the store holds it. */
export interface LedgerEntry {
  record: OccurrenceRecord;
  /** Section → its confirmation; may hold sections that no longer lead (the plan changed). */
  confirmations: ReadonlyMap<string, Confirmation>;
  verification: Verification | null;
  /** ISO instant a sync archived the occurrence; null while active. */
  archivedAt: string | null;
}

/** Everything a view is computed from. */
export interface LedgerState {
  /** Every occurrence any sync wrote, archived ones too. */
  entries: LedgerEntry[];
  chapters: { number: number; title: string }[];
}

/** Done when it has lead sections and every one of them has confirmed. */
export function isDone(entry: Pick<LedgerEntry, 'record' | 'confirmations'>): boolean {
  const { leads } = entry.record;
  return leads.length > 0 && leads.every((s) => entry.confirmations.has(s));
}

function statusOf(done: boolean, verified: boolean, due: LocalDate, today: LocalDate): OccurrenceStatus {
  if (done) return verified ? 'verified' : 'done';
  return due < today ? 'overdue' : 'open';
}

/**
 * The view of a stored occurrence on `today`. Confirmations by sections that are no longer leads
 * stay in the ledger but are not shown or counted; a verification only counts while the
 * occurrence is done. The view shares nothing with `entry`.
 */
export function buildView(entry: LedgerEntry, today: LocalDate): OccurrenceView {
  const { record } = entry;
  const done = isDone(entry);
  const verified = done && entry.verification !== null;
  return {
    ...record,
    leads: [...record.leads],
    confirmations: record.leads.flatMap((s) => {
      const c = entry.confirmations.get(s);
      return c ? [{ ...c }] : [];
    }),
    verification: verified ? { ...entry.verification! } : null,
    status: statusOf(done, verified, record.due, today),
    archivedAt: entry.archivedAt,
  };
}

/** The active occurrences `keep` selects, as views on `today`, by due date then plan order. */
export function activeViews(
  state: LedgerState,
  today: LocalDate,
  keep: (entry: LedgerEntry) => boolean = () => true,
): OccurrenceView[] {
  return state.entries
    .filter((e) => e.archivedAt === null && keep(e))
    .sort((a, b) => compareOccurrences(a.record, b.record))
    .map((e) => buildView(e, today));
}

/** By due date, then plan order (item, milestone with the deadline last, period). */
export function compareOccurrences(a: OccurrenceRecord, b: OccurrenceRecord): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  return (
    compareItemIds(a.itemId, b.itemId) ||
    (a.milestone ?? Number.MAX_SAFE_INTEGER) - (b.milestone ?? Number.MAX_SAFE_INTEGER) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)
  );
}

/** Per chapter (by number), counted by occurrence. */
export function progressByChapter(state: LedgerState, today: LocalDate): ProgressRow[] {
  const views = activeViews(state, today);
  return [...state.chapters]
    .sort((a, b) => a.number - b.number)
    .map((chapter) => {
      const row = emptyRow(String(chapter.number), chapter.title);
      for (const v of views)
        if (v.chapter === chapter.number) count(row, v.status !== 'done' && v.status !== 'verified', v);
      return row;
    });
}

/**
 * Per lead section, from that section's side: done once it confirmed, whatever the others did.
 * Partners are not counted; sections with nothing to lead are omitted.
 */
export function progressBySection(state: LedgerState, today: LocalDate): ProgressRow[] {
  const rows = new Map<string, ProgressRow>();
  for (const v of activeViews(state, today))
    for (const section of v.leads) {
      const row = rows.get(section) ?? emptyRow(section, section);
      rows.set(section, row);
      count(row, !v.confirmations.some((c) => c.section === section), v);
    }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function count(row: ProgressRow, open: boolean, v: OccurrenceView): void {
  row.total++;
  if (!open) row.done++;
  else if (v.status === 'overdue') row.overdue++;
  else row.open++;
  if (v.status === 'verified') row.verified++;
}

function emptyRow(key: string, label: string): ProgressRow {
  return { key, label, total: 0, done: 0, verified: 0, overdue: 0, open: 0 };
}
