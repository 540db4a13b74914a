import type { LocalDate } from '../plan/types.js';
import { StoreUnavailableError } from './errors.js';
import {
  type Decision,
  decideConfirm,
  decideEvidence,
  decideSendBack,
  decideUndo,
  decideVerify,
  type LedgerChange,
} from './ledger.js';
import type { LedgerLoss, LedgerLossMarks } from './ledger-loss.js';
import { localDateAt } from './local-date.js';
import type { NewProgressNote, ProgressNote, ProgressReports, ProgressRequest } from './progress-reports.js';
import type {
  Claims,
  ConfirmResult,
  ConfirmSource,
  EvidenceResult,
  Ledger,
  NewEvidence,
  OccurrenceView,
  PlanStore,
  ReminderClaimState,
  ReminderSent,
  SendBackResult,
  SendBudget,
  SendLimits,
  UndoResult,
  VerifyResult,
} from './store.js';
import { resolveItemRef } from './store-args.js';
import { activeViews, buildView, isDone, type LedgerEntry, type LedgerState } from './views.js';

/** What a store hands to its claims object (MemoryClaims, RedisClaims). */
export type StorePrimitives = Claims & SendBudget;

/** A confirm, undo or verify that keeps meeting another change to the same occurrence gives up after this many reads. */
const MAX_ATTEMPTS = 10;

/**
 * What both stores share, written once: views over the ledger they read (views.ts), confirm /
 * undo / verify by the ledger's rules (ledger.ts), and the primitives handed to their claims.
 * A store supplies reads of its raw state and one conditional write:
 *
 * - readLedger: every occurrence with its ledger, and the chapters;
 * - readEntry: one occurrence with its ledger, and whatever the store needs to tell later that it
 *   changed (`Read`);
 * - commit: writes a change (the entry becoming `after`) and its audit entry if the occurrence is
 *   still as read — else writes nothing and answers false, and the change is decided again on a
 *   fresh read. Two replicas confirming at once therefore cannot both win.
 */
export abstract class StoreBase<Read extends { entry: LedgerEntry }>
  implements
    Omit<PlanStore, 'syncPlan' | 'planInfo'>,
    Omit<Ledger, 'audit'>,
    Claims,
    SendBudget,
    ProgressReports,
    LedgerLossMarks
{
  protected abstract readonly clock: () => Date;
  protected abstract readonly timeZone: string;
  protected abstract readonly primitives: StorePrimitives;
  /** Monthly progress notes, kept apart from the ledger (memory-progress.ts, redis-progress.ts). */
  protected abstract readonly progress: ProgressReports;
  /** The ledger-lost mark (memory-ledger-loss.ts, redis-ledger-loss.ts). */
  protected abstract readonly lossMarks: LedgerLossMarks;

  protected abstract readLedger(): Promise<LedgerState>;
  protected abstract readEntry(id: string): Promise<Read | null>;
  protected abstract commit(read: Read, change: LedgerChange, after: LedgerEntry): Promise<boolean>;

  // ── views ───────────────────────────────────────────────────────────────────────────────────
  async occurrence(id: string): Promise<OccurrenceView | null> {
    const read = await this.readEntry(id);
    return read && buildView(read.entry, this.today());
  }

  async occurrencesOfItem(itemId: string): Promise<OccurrenceView[]> {
    const id = resolveItemRef(itemId);
    return activeViews(await this.readLedger(), this.today(), (e) => e.record.itemId === id);
  }

  async dueBetween(
    from: LocalDate,
    to: LocalDate,
    options: { openOnly?: boolean } = {},
  ): Promise<OccurrenceView[]> {
    return activeViews(await this.readLedger(), this.today(), (e) => {
      const { due } = e.record;
      return due >= from && due <= to && !(options.openOnly && isDone(e));
    });
  }

  async overdue(at: Date): Promise<OccurrenceView[]> {
    const today = localDateAt(at, this.timeZone);
    return activeViews(await this.readLedger(), today, (e) => e.record.due < today && !isDone(e));
  }

  async openForSection(section: string): Promise<OccurrenceView[]> {
    return activeViews(
      await this.readLedger(),
      this.today(),
      (e) => e.record.leads.includes(section) && !e.confirmations.has(section),
    );
  }

  async allOccurrences(): Promise<OccurrenceView[]> {
    return activeViews(await this.readLedger(), this.today());
  }

  // ── ledger ──────────────────────────────────────────────────────────────────────────────────
  confirm(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<ConfirmResult> {
    return this.change(decideConfirm, { op: 'confirm', occurrenceId, section, by, note, source });
  }

  undo(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<UndoResult> {
    return this.change(decideUndo, { op: 'undo', occurrenceId, section, by, note, source });
  }

  verify(occurrenceId: string, by: string, note: string, source: ConfirmSource): Promise<VerifyResult> {
    return this.change(decideVerify, { op: 'verify', occurrenceId, section: '', by, note, source });
  }

  sendBack(occurrenceId: string, by: string, reason: string, source: ConfirmSource): Promise<SendBackResult> {
    return this.change(decideSendBack, { op: 'return', occurrenceId, section: '', by, note: reason, source });
  }

  attachEvidence(
    occurrenceId: string,
    evidence: NewEvidence,
    source: ConfirmSource,
  ): Promise<EvidenceResult> {
    return this.change(decideEvidence, {
      op: 'evidence',
      occurrenceId,
      section: evidence.section,
      by: evidence.by,
      note: evidence.name,
      source,
      evidence,
    });
  }

  private async change<R>(
    decide: (entry: LedgerEntry | null, change: LedgerChange, today: LocalDate) => Decision<R>,
    request: Omit<LedgerChange, 'at'>,
  ): Promise<R> {
    const change = { ...request, at: this.clock().toISOString() };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const read = await this.readEntry(change.occurrenceId);
      const decision = decide(read?.entry ?? null, change, this.today());
      if (!decision.change || (read && (await this.commit(read, decision.change, decision.after))))
        return decision.result;
    }
    throw new StoreUnavailableError(
      `${change.occurrenceId} kept changing under the ${change.op} (${MAX_ATTEMPTS} attempts); retry`,
    );
  }

  protected today(): LocalDate {
    return localDateAt(this.clock(), this.timeZone);
  }

  // ── primitives, handed to the store's claims ────────────────────────────────────────────────
  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.primitives.claimOnce(key, ttlMs);
  }

  releaseClaim(key: string): Promise<void> {
    return this.primitives.releaseClaim(key);
  }

  rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    return this.primitives.rememberMessage(messageId, occurrenceIds, ttlMs);
  }

  occurrencesForMessage(messageId: string): Promise<string[]> {
    return this.primitives.occurrencesForMessage(messageId);
  }

  claimReminder(key: string, owner: string, leaseMs: number): Promise<ReminderClaimState> {
    return this.primitives.claimReminder(key, owner, leaseMs);
  }

  recordReminderSent(sent: ReminderSent): Promise<string[]> {
    return this.primitives.recordReminderSent(sent);
  }

  releaseReminder(key: string, owner: string): Promise<boolean> {
    return this.primitives.releaseReminder(key, owner);
  }

  beatOwner(process: string, ttlMs: number): Promise<void> {
    return this.primitives.beatOwner(process, ttlMs);
  }

  endOwner(process: string): Promise<void> {
    return this.primitives.endOwner(process);
  }

  sendSlot(lane: string, limits: SendLimits): Promise<number> {
    return this.primitives.sendSlot(lane, limits);
  }

  // ── progress reports and the ledger-lost mark, handed to their own objects ─────────────────────
  addProgressNote(note: NewProgressNote): Promise<ProgressNote> {
    return this.progress.addProgressNote(note);
  }

  progressNotes(itemId?: string): Promise<ProgressNote[]> {
    return this.progress.progressNotes(itemId);
  }

  recordProgressRequest(request: ProgressRequest): Promise<void> {
    return this.progress.recordProgressRequest(request);
  }

  progressRequest(messageId: string): Promise<ProgressRequest | null> {
    return this.progress.progressRequest(messageId);
  }

  progressRequests(month: string): Promise<ProgressRequest[]> {
    return this.progress.progressRequests(month);
  }

  markLedgerLost(): Promise<boolean> {
    return this.lossMarks.markLedgerLost();
  }

  ledgerLost(): Promise<LedgerLoss | null> {
    return this.lossMarks.ledgerLost();
  }

  acknowledgeLedgerLost(by: string, via: string): Promise<LedgerLoss | null> {
    return this.lossMarks.acknowledgeLedgerLost(by, via);
  }
}
