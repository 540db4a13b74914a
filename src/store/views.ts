import type { LocalDate } from '../plan/types.js';
import { compareItemIds } from './local-date.js';
import type { OccurrenceRecord } from './snapshot.js';
import type { Confirmation, Evidence, OccurrenceStatus, OccurrenceView, Verification } from './store.js';

/**
 * Occurrence views and statuses, computed here once for both stores from the raw
 * ledger they read: each occurrence's record, confirmations, verification and archived flag.
 *
 * There are no indexes. A bureau's plan is ~100 occurrences a year, so every list and count goes
 * through all of them here, which takes microseconds; the Redis store reads them all again only
 * after a change (RedisStore.readLedger). Plans hundreds of times larger still work, at
 * milliseconds a view (bench/RESULTS.md), but nothing here is built for them.
 */

/** One stored occurrence as the store holds it. */
export interface LedgerEntry {
  record: OccurrenceRecord;
  /** Section → its confirmation; may hold sections that no longer lead (the plan changed). */
  confirmations: ReadonlyMap<string, Confirmation>;
  verification: Verification | null;
  /** 佐证材料, oldest first. */
  evidence: readonly Evidence[];
  /** ISO instant a sync archived the occurrence; null while active. */
  archivedAt: string | null;
}

/** Everything a view is computed from. */
export interface LedgerState {
  /** Every occurrence any sync wrote, archived ones too, in ledger order (byLedgerOrder). */
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
    evidence: entry.evidence.map((e) => ({ ...e })),
    status: statusOf(done, verified, record.due, today),
    archivedAt: entry.archivedAt,
  };
}

/** The active occurrences `keep` selects, as views on `today`, in ledger order. */
export function activeViews(
  state: LedgerState,
  today: LocalDate,
  keep: (entry: LedgerEntry) => boolean = () => true,
): OccurrenceView[] {
  return state.entries.filter((e) => e.archivedAt === null && keep(e)).map((e) => buildView(e, today));
}

/** Entries in ledger order, for a LedgerState. */
export function byLedgerOrder(entries: LedgerEntry[]): LedgerEntry[] {
  return entries.sort((a, b) => compareOccurrences(a.record, b.record));
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
