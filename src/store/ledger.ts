import type { LocalDate } from '../plan/types.js';
import { compareItemIds } from './local-date.js';
import type { OccurrenceRecord } from './snapshot.js';
import type { Confirmation, OccurrenceStatus, OccurrenceView, Verification } from './store.js';

/** Ledger rules both stores share: when an occurrence is done, and what its status is on a day. */

/** Done when it has lead sections and every one of them has confirmed. */
export function isDone(leads: readonly string[], hasConfirmed: (section: string) => boolean): boolean {
  return leads.length > 0 && leads.every(hasConfirmed);
}

export function statusOf(
  done: boolean,
  verified: boolean,
  due: LocalDate,
  today: LocalDate,
): OccurrenceStatus {
  if (done) return verified ? 'verified' : 'done';
  return due < today ? 'overdue' : 'open';
}

/**
 * The view of a stored occurrence. Confirmations by sections that are no longer leads (the plan
 * changed) stay in the ledger but are not shown or counted; a verification only counts while the
 * occurrence is done.
 */
export function buildView(
  record: OccurrenceRecord,
  confirmations: ReadonlyMap<string, Confirmation>,
  verification: Verification | null,
  archivedAt: string | null,
  today: LocalDate,
): OccurrenceView {
  const done = isDone(record.leads, (s) => confirmations.has(s));
  const shown = record.leads.flatMap((s) => {
    const c = confirmations.get(s);
    return c ? [c] : [];
  });
  const verified = done && verification !== null;
  return {
    ...record,
    confirmations: shown,
    verification: verified ? verification : null,
    status: statusOf(done, verified, record.due, today),
    archivedAt,
  };
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
