import { StoreUnavailableError } from '../errors.js';
import { confirmationOf, evidenceId, evidenceOf, type LedgerChange, verificationOf } from '../ledger.js';
import { buildSnapshot } from '../snapshot.js';
import type { AuditEntry, PlanInfo, PlanSync, Store, StoreOptions, SyncResult } from '../store.js';
import { DEFAULT_AUDIT_LIMIT, DEFAULT_TIME_ZONE, requireLimit, SYNC_ACTOR } from '../store-args.js';
import { StoreBase } from '../store-base.js';
import { byLedgerOrder, type LedgerEntry, type LedgerState } from '../views.js';
import { type GlobalKeys, globalKeys, type PlanKeys, planKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { RedisClaims } from './redis-claims.js';
import { RedisLedgerLoss } from './redis-ledger-loss.js';
import { RedisProgress } from './redis-progress.js';
import { syncSnapshot } from './redis-sync.js';
import {
  execReplies,
  hash,
  oneOf,
  parseConfirmation,
  parseEvidence,
  parseRecord,
  parseVerification,
  stringOrNull,
  UnexpectedReplyError,
} from './replies.js';
import { ledgerScript } from './scripts/ledger-scripts.js';
import { guarded } from './unavailable.js';

/** Reads of the whole ledger that keep meeting a sync give up after this many. */
const MAX_LOAD_ATTEMPTS = 5;

export interface RedisStoreOptions extends StoreOptions {
  /** REDIS_PREFIX: every key starts with it (plan keys inside the hash tag `{prefix:year}`). */
  prefix: string;
}

/** An occurrence read for a write: with its record digest ('' once archived), which the write compares. */
interface RedisRead {
  entry: LedgerEntry;
  digest: string;
}

/**
 * The Store in Redis (standalone, Sentinel or Cluster), shared by every replica. Views and ledger
 * rules are StoreBase's; this reads the raw records (one MULTI, so a confirm never lands halfway
 * through a read) and writes with a script where a write must be atomic: a sync, a ledger change
 * (compare-and-set on what was read), a claim. Any connection failure surfaces as
 * StoreUnavailableError. The store owns `client` and quits it on close().
 */
export class RedisStore extends StoreBase<RedisRead> implements Store {
  private readonly keys: PlanKeys;
  private readonly global: GlobalKeys;
  private readonly year: number;
  protected readonly clock: () => Date;
  protected readonly timeZone: string;
  protected readonly primitives: RedisClaims;
  protected readonly progress: RedisProgress;
  protected readonly lossMarks: RedisLedgerLoss;
  /** The ledger as last read, and the audit entry it is current as of (readLedger). */
  private held: { auditId: string | null; state: LedgerState } | undefined;

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
    this.progress = new RedisProgress(client, this.keys, this.clock);
    this.lossMarks = new RedisLedgerLoss(client, this.keys, this.clock);
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

  async audit(options: { after?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = requireLimit(options.limit, DEFAULT_AUDIT_LIMIT);
    const start = options.after === undefined ? '-' : `(${options.after}`;
    const entries = await guarded(() => this.client.xrange(this.keys.audit, start, '+', 'COUNT', limit));
    return entries.map(auditFromEntry);
  }

  /**
   * The ledger as of the last audit entry, held in memory: every change a view depends on (a
   * sync, a confirm, an undo, a verify) appends to the audit stream in the script that makes it,
   * so while the stream's last id is the one the copy was read at, the copy is current. A view
   * then costs one XREVRANGE; after a change, one full read (loadLedger).
   */
  protected async readLedger(): Promise<LedgerState> {
    const last = lastAuditId(
      await guarded(() => this.client.xrevrange(this.keys.audit, '+', '-', 'COUNT', 1)),
    );
    if (this.held && this.held.auditId === last) return this.held.state;
    const loaded = await this.loadLedger();
    this.held = loaded;
    return loaded.state;
  }

  /**
   * Every record and the ledger of each, with the audit id they are current as of, in one MULTI
   * (so no write lands halfway through). The confirmation keys are named from the ids read
   * before (those held, or HKEYS); if a sync changed the ids meanwhile, it reads again. At a
   * bureau's ~100 occurrences this is a few hundred small reads in one round trip.
   */
  private async loadLedger(): Promise<{ auditId: string | null; state: LedgerState }> {
    const k = this.keys;
    let ids = this.held?.state.entries.map((e) => e.record.id);
    for (let attempt = 0; attempt < MAX_LOAD_ATTEMPTS; attempt++) {
      const names = ids ?? (await guarded(() => this.client.hkeys(k.occurrences)));
      const multi = this.client
        .multi()
        .xrevrange(k.audit, '+', '-', 'COUNT', 1)
        .hgetall(k.occurrences)
        .hgetall(k.verifications)
        .hgetall(k.archived)
        .hgetall(k.chapters);
      for (const id of names) multi.hgetall(k.confirmations(id));
      for (const id of names) multi.hgetall(k.evidence(id));
      const [last, ...rest] = execReplies(await guarded(() => multi.exec()));
      const [records, verifications, archived, chapters, ...perOccurrence] = rest.map((r) =>
        hash(r, 'ledger hash'),
      );
      const confirmations = perOccurrence.slice(0, names.length);
      const evidence = perOccurrence.slice(names.length);
      if (!sameIds(Object.keys(records!), names)) {
        ids = undefined;
        continue;
      }
      const state: LedgerState = {
        entries: byLedgerOrder(
          names.map((id, i) =>
            entryOf(
              records![id]!,
              confirmations[i]!,
              verifications![id] ?? null,
              archived![`o:${id}`] ?? null,
              evidence[i]!,
            ),
          ),
        ),
        chapters: Object.entries(chapters!).map(([number, title]) => ({ number: Number(number), title })),
      };
      return { auditId: lastAuditId(last), state };
    }
    throw new StoreUnavailableError(
      `the plan kept changing while it was read (${MAX_LOAD_ATTEMPTS} attempts); retry`,
    );
  }

  protected async readEntry(id: string): Promise<RedisRead | null> {
    const k = this.keys;
    const replies = await guarded(() =>
      this.client
        .multi()
        .hget(k.occurrences, id)
        .hget(k.digests, `o:${id}`)
        .hget(k.verifications, id)
        .hget(k.archived, `o:${id}`)
        .hgetall(k.confirmations(id))
        .hgetall(k.evidence(id))
        .exec(),
    );
    const [record, digest, verification, archivedAt, confirmations, evidence] = execReplies(replies);
    const json = stringOrNull(record, 'occurrence record');
    if (json === null) return null;
    return {
      entry: entryOf(
        json,
        hash(confirmations, 'confirmations'),
        stringOrNull(verification, 'verification'),
        stringOrNull(archivedAt, 'archived time'),
        hash(evidence, 'evidence'),
      ),
      digest: stringOrNull(digest, 'digest') ?? '',
    };
  }

  protected async commit(read: RedisRead, change: LedgerChange): Promise<boolean> {
    const k = this.keys;
    const id = change.occurrenceId;
    const written =
      change.op === 'confirm'
        ? JSON.stringify(confirmationOf(change))
        : change.op === 'verify'
          ? JSON.stringify(verificationOf(change))
          : change.op === 'evidence'
            ? `${evidenceId(evidenceOf(change))}\n${JSON.stringify(evidenceOf(change))}`
            : '';
    const reply = await guarded(() =>
      ledgerScript.run(
        this.client,
        [k.digests, k.confirmations(id), k.verifications, k.audit, k.evidence(id)],
        [
          id,
          read.digest,
          read.entry.verification ? 1 : 0,
          change.op,
          change.section,
          written,
          change.at,
          change.by,
          change.note,
          change.source,
          ...read.entry.confirmations.keys(),
        ],
      ),
    );
    return oneOf(reply, ['ok', 'stale'], 'ledger script reply') === 'ok';
  }
}

/** An XREVRANGE … COUNT 1 reply: the last entry's id, or null for an empty or missing stream. */
function lastAuditId(reply: unknown): string | null {
  if (Array.isArray(reply) && reply.length === 0) return null;
  const id: unknown = Array.isArray(reply) && Array.isArray(reply[0]) ? reply[0][0] : undefined;
  if (typeof id !== 'string') throw new UnexpectedReplyError('audit entry', reply);
  return id;
}

function sameIds(found: string[], expected: string[]): boolean {
  const set = new Set(expected);
  return found.length === set.size && found.every((id) => set.has(id));
}

function entryOf(
  recordJson: string,
  confirmations: Record<string, string>,
  verificationJson: string | null,
  archivedAt: string | null,
  evidence: Record<string, string>,
): LedgerEntry {
  return {
    record: parseRecord(recordJson),
    confirmations: new Map(Object.entries(confirmations).map(([s, json]) => [s, parseConfirmation(json)])),
    verification: verificationJson === null ? null : parseVerification(verificationJson),
    evidence: Object.values(evidence)
      .map(parseEvidence)
      .sort((a, b) => a.at.localeCompare(b.at) || evidenceId(a).localeCompare(evidenceId(b))),
    archivedAt,
  };
}

const AUDIT_ACTIONS = ['confirm', 'undo', 'verify', 'return', 'evidence', 'sync', 'ack-ledger-lost'] as const;
const AUDIT_SOURCES = ['reply', 'button', 'command', 'sync'] as const;

/** An XRANGE entry: [id, [field, value, …]]. */
function auditFromEntry(entry: [string, string[]]): AuditEntry {
  const [id, flat] = entry;
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
  const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  return {
    id,
    at: f.get('at') ?? '',
    by: f.get('by') ?? '',
    action: oneOf(f.get('action'), AUDIT_ACTIONS, 'audit action'),
    occurrenceId: orNull(f.get('occurrence')),
    section: orNull(f.get('section')),
    note: f.get('note') ?? '',
    source: oneOf(f.get('source'), AUDIT_SOURCES, 'audit source'),
  };
}
