import type { LocalDate } from '../plan/types.js';
import { archivedOccurrence, notALead, unknownOccurrence } from './errors.js';
import type {
  Confirmation,
  ConfirmResult,
  ConfirmSource,
  Evidence,
  EvidenceResult,
  NewEvidence,
  SendBackResult,
  UndoResult,
  Verification,
  VerifyResult,
} from './store.js';
import { buildView, isDone, type LedgerEntry } from './views.js';

/**
 * The ledger's rules, once for both stores: whether a confirm, undo or verify is refused, answered
 * without a change, or changes the occurrence — and how it looks afterwards. A store reads the
 * occurrence's entry, asks here, and writes the change only if the entry is still as it read it
 * (store-base.ts).
 */

export type LedgerOp = 'confirm' | 'undo' | 'verify' | 'return' | 'evidence';

/** One change to the ledger: what is written, and as is, the audit entry. */
export interface LedgerChange {
  op: LedgerOp;
  occurrenceId: string;
  /** '' for verify and return. */
  section: string;
  by: string;
  /** ISO instant, the store clock. */
  at: string;
  note: string;
  source: ConfirmSource;
  /** evidence: what is attached (its `at` is the change's). */
  evidence?: NewEvidence;
}

export interface Decision<R> {
  result: R;
  /** What to write; null when nothing changes (a repeat, nothing to undo, a refusal to verify). */
  change: LedgerChange | null;
  /** The entry once the change is written. */
  after: LedgerEntry;
}

/** `section` (a lead) confirms; a repeat answers the first confirmation. */
export function decideConfirm(
  entry: LedgerEntry | null,
  change: LedgerChange,
  today: LocalDate,
): Decision<ConfirmResult> {
  const e = active(entry, change.occurrenceId);
  if (!e.record.leads.includes(change.section))
    throw notALead(change.occurrenceId, change.section, e.record.leads);
  const existing = e.confirmations.get(change.section);
  if (existing)
    return unchanged(e, {
      status: 'already',
      confirmation: { ...existing },
      occurrence: buildView(e, today),
    });
  const after = {
    ...e,
    confirmations: new Map(e.confirmations).set(change.section, confirmationOf(change)),
  };
  return { result: { status: 'confirmed', occurrence: buildView(after, today) }, change, after };
}

/** Withdraws `section`'s confirmation, and with it the occurrence's verification. */
export function decideUndo(
  entry: LedgerEntry | null,
  change: LedgerChange,
  today: LocalDate,
): Decision<UndoResult> {
  const e = active(entry, change.occurrenceId);
  if (!e.confirmations.has(change.section))
    return unchanged(e, { status: 'not-confirmed', occurrence: buildView(e, today) });
  const confirmations = new Map(e.confirmations);
  confirmations.delete(change.section);
  const after = { ...e, confirmations, verification: null };
  return { result: { status: 'undone', occurrence: buildView(after, today) }, change, after };
}

/** 销号: verifies a done occurrence, once. */
export function decideVerify(
  entry: LedgerEntry | null,
  change: LedgerChange,
  today: LocalDate,
): Decision<VerifyResult> {
  const e = active(entry, change.occurrenceId);
  if (!isDone(e)) return unchanged(e, { status: 'not-done', occurrence: buildView(e, today) });
  if (e.verification) return unchanged(e, { status: 'already', occurrence: buildView(e, today) });
  const after = { ...e, verification: verificationOf(change) };
  return { result: { status: 'verified', occurrence: buildView(after, today) }, change, after };
}

/** 退回: withdraws every confirmation and the verification, so the work is owed again. */
export function decideSendBack(
  entry: LedgerEntry | null,
  change: LedgerChange,
  today: LocalDate,
): Decision<SendBackResult> {
  const e = active(entry, change.occurrenceId);
  if (e.confirmations.size === 0)
    return unchanged(e, { status: 'not-confirmed', occurrence: buildView(e, today) });
  const sections = e.record.leads.filter((s) => e.confirmations.has(s));
  const after = { ...e, confirmations: new Map(), verification: null };
  return { result: { status: 'sent-back', sections, occurrence: buildView(after, today) }, change, after };
}

/** 佐证材料 from a lead section, once per message and key. */
export function decideEvidence(
  entry: LedgerEntry | null,
  change: LedgerChange,
  today: LocalDate,
): Decision<EvidenceResult> {
  const e = active(entry, change.occurrenceId);
  const evidence = evidenceOf(change);
  if (!e.record.leads.includes(evidence.section))
    throw notALead(change.occurrenceId, evidence.section, e.record.leads);
  if (e.evidence.some((x) => evidenceId(x) === evidenceId(evidence)))
    return unchanged(e, { status: 'already', occurrence: buildView(e, today) });
  const after = { ...e, evidence: [...e.evidence, evidence] };
  return { result: { status: 'attached', occurrence: buildView(after, today) }, change, after };
}

/** Identifies one attachment: the message that carried it and its key. */
export const evidenceId = (e: Pick<Evidence, 'messageId' | 'key'>) => `${e.messageId}:${e.key}`;

export function evidenceOf(c: LedgerChange): Evidence {
  if (!c.evidence) throw new Error('an evidence change carries its evidence');
  return { ...c.evidence, at: c.at };
}

/** The confirmation a confirm writes. */
export function confirmationOf(c: LedgerChange): Confirmation {
  return { section: c.section, by: c.by, at: c.at, note: c.note, source: c.source };
}

/** The verification a verify writes. */
export function verificationOf(c: LedgerChange): Verification {
  return { by: c.by, at: c.at, note: c.note, source: c.source };
}

/** The ledger of an archived occurrence is read-only; an unknown one has none. */
function active(entry: LedgerEntry | null, id: string): LedgerEntry {
  if (!entry) throw unknownOccurrence(id);
  if (entry.archivedAt !== null) throw archivedOccurrence(id);
  return entry;
}

function unchanged<R>(entry: LedgerEntry, result: R): Decision<R> {
  return { result, change: null, after: entry };
}
