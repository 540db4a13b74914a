import { StoreUnavailableError } from '../errors.js';
import type { LedgerChange } from '../ledger.js';
import { buildSnapshot, changedSync, diffSnapshot, syncNote, unchangedSync } from '../snapshot.js';
import type { AuditEntry, PlanInfo, PlanSync, Store, StoreOptions, SyncResult } from '../store.js';
import { DEFAULT_AUDIT_LIMIT, DEFAULT_TIME_ZONE, requireLimit, SYNC_ACTOR } from '../store-args.js';
import { StoreBase } from '../store-base.js';
import { byLedgerOrder, type LedgerEntry, type LedgerState } from '../views.js';
import { MemoryAudit } from './memory-audit.js';
import { MemoryClaims } from './memory-claims.js';
import { MemoryLedgerLoss } from './memory-ledger-loss.js';
import { MemoryProgress } from './memory-progress.js';

/**
 * The Store in process memory, for development and tests: nothing persists and nothing is shared
 * between processes. Views and ledger rules are StoreBase's; this holds the state. An entry is
 * never changed in place but replaced, so a write can tell by identity that the occurrence is
 * still as it was read.
 */
export class MemoryStore extends StoreBase<{ entry: LedgerEntry }> implements Store {
  private readonly year: number;
  protected readonly clock: () => Date;
  protected readonly timeZone: string;
  protected readonly primitives: MemoryClaims;
  private info: PlanInfo | null = null;
  private chapters: LedgerState['chapters'] = [];
  /** `i:<item>` / `o:<occurrence>` → digest, active ones only: what a sync compares. */
  private digests = new Map<string, string>();
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly auditLog: MemoryAudit;
  private closed = false;
  protected readonly progress: MemoryProgress;
  protected readonly lossMarks: MemoryLedgerLoss;

  constructor(options: StoreOptions) {
    super();
    this.year = options.year;
    this.clock = options.clock ?? (() => new Date());
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.auditLog = new MemoryAudit(this.clock);
    this.primitives = new MemoryClaims(this.clock);
    this.progress = new MemoryProgress(this.clock);
    this.lossMarks = new MemoryLedgerLoss(this.clock, this.auditLog);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('the in-memory store is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async syncPlan(input: PlanSync): Promise<SyncResult> {
    const next = buildSnapshot(input, this.year);
    const at = this.clock().toISOString();
    if (this.info?.digest === next.digest) {
      this.info = { ...this.info, version: next.version };
      return unchangedSync();
    }
    const diff = diffSnapshot(this.digests, next);
    for (const { record } of diff.occurrenceWrites) {
      const old = this.entries.get(record.id);
      this.entries.set(
        record.id,
        old
          ? { ...old, record, archivedAt: null }
          : { record, confirmations: new Map(), verification: null, evidence: [], archivedAt: null },
      );
    }
    for (const id of diff.archivedOccurrences)
      this.entries.set(id, { ...this.entries.get(id)!, archivedAt: at });
    this.digests = new Map(next.digests);
    this.chapters = next.chapters;
    this.info = {
      year: next.year,
      title: next.title,
      version: next.version,
      digest: next.digest,
      syncedAt: at,
    };
    this.auditLog.append({
      by: input.by ?? SYNC_ACTOR,
      action: 'sync',
      occurrenceId: null,
      section: null,
      note: syncNote(diff, next.version),
      source: 'sync',
    });
    return changedSync(diff);
  }

  async planInfo(): Promise<PlanInfo | null> {
    return this.info && { ...this.info };
  }

  async audit(options: { after?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return this.auditLog.read(options.after, requireLimit(options.limit, DEFAULT_AUDIT_LIMIT));
  }

  protected async readLedger(): Promise<LedgerState> {
    return { entries: byLedgerOrder([...this.entries.values()]), chapters: this.chapters };
  }

  protected async readEntry(id: string): Promise<{ entry: LedgerEntry } | null> {
    const entry = this.entries.get(id);
    return entry ? { entry } : null;
  }

  protected async commit(
    read: { entry: LedgerEntry },
    change: LedgerChange,
    after: LedgerEntry,
  ): Promise<boolean> {
    const id = change.occurrenceId;
    if (this.entries.get(id) !== read.entry) return false;
    this.entries.set(id, after);
    const { by, op: action, section, note, source } = change;
    this.auditLog.append({ by, action, occurrenceId: id, section: section || null, note, source });
    return true;
  }
}
