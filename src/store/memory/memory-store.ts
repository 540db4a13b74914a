import type { LocalDate } from '../../plan/types.js';
import { archivedOccurrence, notALead, StoreUnavailableError, unknownOccurrence } from '../errors.js';
import { buildView, compareOccurrences, isDone } from '../ledger.js';
import { localDateAt } from '../local-date.js';
import { DelegatesPrimitives } from '../primitives.js';
import {
  buildSnapshot,
  changedSync,
  diffSnapshot,
  type OccurrenceRecord,
  type Snapshot,
  syncNote,
  unchangedSync,
} from '../snapshot.js';
import type {
  AuditEntry,
  Confirmation,
  ConfirmResult,
  ConfirmSource,
  OccurrenceView,
  PlanInfo,
  PlanSync,
  ProgressRow,
  Store,
  StoreOptions,
  SyncResult,
  UndoResult,
  Verification,
  VerifyResult,
} from '../store.js';
import {
  DEFAULT_AUDIT_LIMIT,
  DEFAULT_TIME_ZONE,
  requireLimit,
  resolveItemRef,
  SYNC_ACTOR,
} from '../store-args.js';
import { MemoryAudit } from './memory-audit.js';
import { MemoryClaims } from './memory-claims.js';
import { progressByChapter, progressBySection } from './memory-progress.js';

/**
 * The Store in process memory, for development and tests: nothing persists and nothing is shared
 * between processes. Every method does its work synchronously before its first await, so each
 * is atomic just like the Redis scripts. Queries scan, which is fine at a bureau's scale.
 */
export class MemoryStore extends DelegatesPrimitives implements Store {
  private readonly year: number;
  private readonly clock: () => Date;
  private readonly timeZone: string;
  private info: PlanInfo | null = null;
  private snapshot: Snapshot | null = null;
  private digests = new Map<string, string>();
  private readonly occurrences = new Map<string, OccurrenceRecord>();
  private readonly archived = new Map<string, string>();
  private readonly confirmations = new Map<string, Map<string, Confirmation>>();
  private readonly verifications = new Map<string, Verification>();
  private readonly auditLog: MemoryAudit;
  protected readonly primitives: MemoryClaims;
  private closed = false;

  constructor(options: StoreOptions) {
    super();
    this.year = options.year;
    this.clock = options.clock ?? (() => new Date());
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.auditLog = new MemoryAudit(this.clock);
    this.primitives = new MemoryClaims(this.clock);
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
    for (const entry of diff.occurrenceWrites) {
      this.occurrences.set(entry.record.id, entry.record);
      this.archived.delete(`o:${entry.record.id}`);
    }
    for (const id of diff.archivedOccurrences) this.archived.set(`o:${id}`, at);
    this.digests = new Map(next.digests);
    this.snapshot = next;
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

  async occurrence(id: string): Promise<OccurrenceView | null> {
    const record = this.occurrences.get(id);
    return record ? this.view(record, this.today()) : null;
  }

  async occurrencesOfItem(itemId: string): Promise<OccurrenceView[]> {
    const id = resolveItemRef(itemId);
    return this.views((o) => o.itemId === id);
  }

  async dueBetween(
    from: LocalDate,
    to: LocalDate,
    options: { openOnly?: boolean } = {},
  ): Promise<OccurrenceView[]> {
    const views = this.views((o) => o.due >= from && o.due <= to);
    return options.openOnly ? views.filter((v) => v.status === 'open' || v.status === 'overdue') : views;
  }

  async overdue(at: Date): Promise<OccurrenceView[]> {
    const today = localDateAt(at, this.timeZone);
    return this.views((o) => o.due < today, today).filter((v) => v.status === 'overdue');
  }

  async openForSection(section: string): Promise<OccurrenceView[]> {
    return this.views((o) => o.leads.includes(section) && !this.confirmations.get(o.id)?.has(section));
  }

  async allOccurrences(): Promise<OccurrenceView[]> {
    return this.views(() => true);
  }

  async progressByChapter(at: Date): Promise<ProgressRow[]> {
    return progressByChapter(
      this.snapshot?.chapters ?? [],
      this.views(() => true, localDateAt(at, this.timeZone)),
    );
  }

  async progressBySection(at: Date): Promise<ProgressRow[]> {
    const today = localDateAt(at, this.timeZone);
    return progressBySection(
      this.views(() => true, today),
      today,
    );
  }

  async confirm(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<ConfirmResult> {
    const record = this.activeRecord(occurrenceId);
    if (!record.leads.includes(section)) throw notALead(occurrenceId, section, record.leads);
    const confirmations = this.confirmationsOf(occurrenceId);
    const existing = confirmations.get(section);
    if (existing)
      return {
        status: 'already',
        confirmation: { ...existing },
        occurrence: this.view(record, this.today()),
      };
    confirmations.set(section, { section, by, at: this.clock().toISOString(), note, source });
    this.auditLog.append({ by, action: 'confirm', occurrenceId, section, note, source });
    return { status: 'confirmed', occurrence: this.view(record, this.today()) };
  }

  async undo(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<UndoResult> {
    const record = this.activeRecord(occurrenceId);
    const confirmations = this.confirmationsOf(occurrenceId);
    if (!confirmations.delete(section))
      return { status: 'not-confirmed', occurrence: this.view(record, this.today()) };
    this.verifications.delete(occurrenceId);
    this.auditLog.append({ by, action: 'undo', occurrenceId, section, note, source });
    return { status: 'undone', occurrence: this.view(record, this.today()) };
  }

  async verify(occurrenceId: string, by: string, note: string, source: ConfirmSource): Promise<VerifyResult> {
    const record = this.activeRecord(occurrenceId);
    const confirmations = this.confirmationsOf(occurrenceId);
    if (!isDone(record.leads, (s) => confirmations.has(s)))
      return { status: 'not-done', occurrence: this.view(record, this.today()) };
    if (this.verifications.has(occurrenceId))
      return { status: 'already', occurrence: this.view(record, this.today()) };
    this.verifications.set(occurrenceId, { by, at: this.clock().toISOString(), note, source });
    this.auditLog.append({ by, action: 'verify', occurrenceId, section: null, note, source });
    return { status: 'verified', occurrence: this.view(record, this.today()) };
  }

  async audit(options: { after?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return this.auditLog.read(options.after, requireLimit(options.limit, DEFAULT_AUDIT_LIMIT));
  }

  private today(): LocalDate {
    return localDateAt(this.clock(), this.timeZone);
  }

  private activeRecord(id: string): OccurrenceRecord {
    const record = this.occurrences.get(id);
    if (!record) throw unknownOccurrence(id);
    if (this.archived.has(`o:${id}`)) throw archivedOccurrence(id);
    return record;
  }

  private confirmationsOf(id: string): Map<string, Confirmation> {
    const map = this.confirmations.get(id) ?? new Map<string, Confirmation>();
    this.confirmations.set(id, map);
    return map;
  }

  /** Active occurrences matching `keep`, as views on `today`, in ledger order. */
  private views(keep: (o: OccurrenceRecord) => boolean, today = this.today()): OccurrenceView[] {
    return [...this.occurrences.values()]
      .filter((o) => !this.archived.has(`o:${o.id}`) && keep(o))
      .sort(compareOccurrences)
      .map((o) => this.view(o, today));
  }

  private view(record: OccurrenceRecord, today: LocalDate): OccurrenceView {
    return structuredClone(
      buildView(
        record,
        this.confirmations.get(record.id) ?? new Map(),
        this.verifications.get(record.id) ?? null,
        this.archived.get(`o:${record.id}`) ?? null,
        today,
      ),
    );
  }
}
