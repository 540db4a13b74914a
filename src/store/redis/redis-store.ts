import type { LocalDate } from '../../plan/types.js';
import { archivedOccurrence, notALead, unknownOccurrence } from '../errors.js';
import { compareOccurrences } from '../ledger.js';
import { dayNumber, localDateAt } from '../local-date.js';
import { DelegatesPrimitives } from '../primitives.js';
import { buildSnapshot } from '../snapshot.js';
import type {
  AuditEntry,
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
  VerifyResult,
} from '../store.js';
import {
  DEFAULT_AUDIT_LIMIT,
  DEFAULT_TIME_ZONE,
  requireLimit,
  resolveItemRef,
  SYNC_ACTOR,
} from '../store-args.js';
import { type GlobalKeys, globalKeys, type PlanKeys, planKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { RedisClaims } from './redis-claims.js';
import { readProgressByChapter, readProgressBySection } from './redis-progress.js';
import { auditFromEntry, viewFromRow, viewsFromRows } from './redis-rows.js';
import { syncSnapshot } from './redis-sync.js';
import { confirmScript, undoScript, verifyScript } from './scripts/ledger-scripts.js';
import { viewsByIdScript, viewsByScoreScript } from './scripts/view-scripts.js';
import { guarded } from './unavailable.js';

export interface RedisStoreOptions extends StoreOptions {
  /** REDIS_PREFIX: every key starts with it (plan keys inside the hash tag `{prefix:year}`). */
  prefix: string;
}

/**
 * The Store in Redis (standalone, Sentinel or Cluster), shared by every replica. Every state
 * change is one Lua script (see scripts/); reads are single commands, a MULTI, or a read-only
 * script. Any connection failure surfaces as StoreUnavailableError. The store owns `client` and
 * quits it on close().
 */
export class RedisStore extends DelegatesPrimitives implements Store {
  private readonly keys: PlanKeys;
  private readonly global: GlobalKeys;
  private readonly year: number;
  private readonly clock: () => Date;
  private readonly timeZone: string;
  protected readonly primitives: RedisClaims;

  constructor(
    private readonly client: RedisClient,
    options: RedisStoreOptions,
  ) {
    super();
    this.keys = planKeys(options.prefix, options.year);
    this.global = globalKeys(options.prefix);
    this.year = options.year;
    this.clock = options.clock ?? (() => new Date());
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.primitives = new RedisClaims(client, this.global, this.clock);
  }

  async ping(): Promise<void> {
    await guarded(() => this.client.ping());
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  async syncPlan(input: PlanSync): Promise<SyncResult> {
    const next = buildSnapshot(input, this.year);
    return guarded(() =>
      syncSnapshot(this.client, this.keys, next, this.clock().toISOString(), input.by ?? SYNC_ACTOR),
    );
  }

  async planInfo(): Promise<PlanInfo | null> {
    const meta = await guarded(() => this.client.hgetall(this.keys.meta));
    if (meta.digest === undefined) return null;
    return {
      year: Number(meta.year),
      title: meta.title ?? '',
      version: meta.version ?? '',
      digest: meta.digest,
      syncedAt: meta.syncedAt ?? '',
    };
  }

  async occurrence(id: string): Promise<OccurrenceView | null> {
    const rows = await guarded(() =>
      viewsByIdScript.run(this.client, [this.keys.occurrences], [this.keys.base, id]),
    );
    return viewsFromRows(rows, this.today())[0] ?? null;
  }

  async occurrencesOfItem(itemId: string): Promise<OccurrenceView[]> {
    return this.range(this.keys.itemOccurrences(resolveItemRef(itemId)), '-inf', '+inf');
  }

  async dueBetween(
    from: LocalDate,
    to: LocalDate,
    options: { openOnly?: boolean } = {},
  ): Promise<OccurrenceView[]> {
    return this.range(options.openOnly ? this.keys.open : this.keys.due, dayNumber(from), dayNumber(to));
  }

  async overdue(at: Date): Promise<OccurrenceView[]> {
    const today = localDateAt(at, this.timeZone);
    return this.range(this.keys.open, '-inf', `(${dayNumber(today)}`, today);
  }

  async openForSection(section: string): Promise<OccurrenceView[]> {
    return this.range(this.keys.sectionOpen(section), '-inf', '+inf');
  }

  async allOccurrences(): Promise<OccurrenceView[]> {
    return this.range(this.keys.due, '-inf', '+inf');
  }

  async progressByChapter(at: Date): Promise<ProgressRow[]> {
    return guarded(() =>
      readProgressByChapter(this.client, this.keys, dayNumber(localDateAt(at, this.timeZone))),
    );
  }

  async progressBySection(at: Date): Promise<ProgressRow[]> {
    return guarded(() =>
      readProgressBySection(this.client, this.keys, dayNumber(localDateAt(at, this.timeZone))),
    );
  }

  async confirm(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<ConfirmResult> {
    const at = this.clock().toISOString();
    const confirmation = JSON.stringify({ section, by, at, note, source });
    const { status, view } = await this.ledger(
      () =>
        confirmScript.run(
          this.client,
          [this.keys.occurrences],
          [this.keys.base, occurrenceId, section, confirmation, at, by, note, source],
        ),
      occurrenceId,
    );
    if (status === 'not-lead') throw notALead(occurrenceId, section, view.leads);
    if (status === 'confirmed') return { status, occurrence: view };
    const existing = view.confirmations.find((c) => c.section === section)!;
    return { status: 'already', confirmation: existing, occurrence: view };
  }

  async undo(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<UndoResult> {
    const at = this.clock().toISOString();
    const { status, view } = await this.ledger(
      () =>
        undoScript.run(
          this.client,
          [this.keys.occurrences],
          [this.keys.base, occurrenceId, section, at, by, note, source],
        ),
      occurrenceId,
    );
    return { status: status === 'undone' ? 'undone' : 'not-confirmed', occurrence: view };
  }

  async verify(occurrenceId: string, by: string, note: string, source: ConfirmSource): Promise<VerifyResult> {
    const at = this.clock().toISOString();
    const verification = JSON.stringify({ by, at, note, source });
    const { status, view } = await this.ledger(
      () =>
        verifyScript.run(
          this.client,
          [this.keys.occurrences],
          [this.keys.base, occurrenceId, verification, at, by, note, source],
        ),
      occurrenceId,
    );
    return { status: status as VerifyResult['status'], occurrence: view };
  }

  async audit(options: { after?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = requireLimit(options.limit, DEFAULT_AUDIT_LIMIT);
    const start = options.after === undefined ? '-' : `(${options.after}`;
    const entries = await guarded(() => this.client.xrange(this.keys.audit, start, '+', 'COUNT', limit));
    return entries.map(auditFromEntry);
  }

  private today(): LocalDate {
    return localDateAt(this.clock(), this.timeZone);
  }

  private async range(
    key: string,
    min: number | string,
    max: number | string,
    today = this.today(),
  ): Promise<OccurrenceView[]> {
    const rows = await guarded(() => viewsByScoreScript.run(this.client, [key], [this.keys.base, min, max]));
    return viewsFromRows(rows, today).sort(compareOccurrences);
  }

  /** Runs a ledger script and turns its refusals into LedgerErrors. */
  private async ledger(
    run: () => Promise<unknown>,
    id: string,
  ): Promise<{ status: string; view: OccurrenceView }> {
    const [status, row] = (await guarded(run)) as [string, unknown?];
    if (status === 'unknown') throw unknownOccurrence(id);
    if (status === 'archived') throw archivedOccurrence(id);
    return { status, view: viewFromRow(row, this.today()) };
  }
}
