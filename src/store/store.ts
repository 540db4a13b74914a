import type { Occurrence } from '../plan/occurrence.js';
import type { LocalDate, Plan } from '../plan/types.js';
import type { LedgerLossMarks } from './ledger-loss.js';
import type { ProgressReports } from './progress-reports.js';

/**
 * duban's state, as four narrow interfaces a caller depends on only as far as it needs: the
 * synced plan and its views (PlanStore), the ledger of confirmations and its audit stream
 * (Ledger), the small time-limited claims the bot and the reminders need (Claims), the send
 * budget shared by replicas (SendBudget), and monthly progress notes (ProgressReports,
 * progress-reports.ts). A Store is all five; one store is bound to one plan
 * year; Redis and memory implementations pass the same contract suite (tests/store/contract.ts).
 *
 * Times: confirmations and audit entries are stamped by the store's injected clock. A LocalDate is
 * a calendar date in the plan's time zone; an instant (`Date`) is turned into one with the
 * store's time zone. An occurrence is overdue from the day after its due date.
 */
export interface Store extends PlanStore, Ledger, Claims, SendBudget, ProgressReports, LedgerLossMarks {
  /** Resolves when the backing store answers; throws StoreUnavailableError otherwise (/readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The synced plan, and its occurrences as views that carry the ledger (status as of the store clock). */
export interface PlanStore {
  /**
   * Writes the plan's occurrences in one atomic step. Content that did not change is not
   * rewritten (`changed: false`); items and occurrences that disappeared are archived with their
   * ledger, not deleted; confirmations always survive.
   */
  syncPlan(input: PlanSync): Promise<SyncResult>;
  /** What the last sync wrote; null before the first one. */
  planInfo(): Promise<PlanInfo | null>;
  /** By id, archived ones too; null when no sync wrote it. */
  occurrence(id: string): Promise<OccurrenceView | null>;
  /** The item's active occurrences, by due date; the id in any form people type (`8.4`, `八（四）`). */
  occurrencesOfItem(itemId: string): Promise<OccurrenceView[]>;
  /** Active occurrences due in [from, to] (inclusive), by due date; `openOnly` drops done ones. */
  dueBetween(from: LocalDate, to: LocalDate, options?: { openOnly?: boolean }): Promise<OccurrenceView[]>;
  /** Active, not-done occurrences whose due date is before the local date of `at`, by due date. */
  overdue(at: Date): Promise<OccurrenceView[]>;
  /** Active occurrences `section` leads and has not confirmed yet ("我的任务"), by due date. */
  openForSection(section: string): Promise<OccurrenceView[]>;
  /** Every active occurrence, by due date then plan order: the ledger export. */
  allOccurrences(): Promise<OccurrenceView[]>;
}

/** Confirm, undo and verify (each atomic, each appended to the audit stream), and that stream. */
export interface Ledger {
  /** `section` (a lead of the occurrence) confirms it; a repeat is a no-op answered 'already'. */
  confirm(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<ConfirmResult>;
  /** Withdraws `section`'s confirmation (and the occurrence's verification, if any). */
  undo(
    occurrenceId: string,
    section: string,
    by: string,
    note: string,
    source: ConfirmSource,
  ): Promise<UndoResult>;
  /** 销号: an admin verifies a done occurrence. */
  verify(occurrenceId: string, by: string, note: string, source: ConfirmSource): Promise<VerifyResult>;
  /**
   * 退回: an admin sends confirmed work back — every confirmation and the verification are
   * withdrawn, so the occurrence is owed (and reminded) again; `reason` is the audit note.
   */
  sendBack(occurrenceId: string, by: string, reason: string, source: ConfirmSource): Promise<SendBackResult>;
  /**
   * 佐证材料: a file or image a lead section's person sent for the occurrence. Kept with the
   * occurrence through undo and 退回 (it is a record of what was sent); the same message's key
   * twice is answered 'already'.
   */
  attachEvidence(occurrenceId: string, evidence: NewEvidence, source: ConfirmSource): Promise<EvidenceResult>;
  /** Audit entries, oldest first, after the entry id `after` (exclusive) when given. */
  audit(options?: { after?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** Time-limited state for the bot and the reminders: dedupe claims, message mappings, reminder leases. */
export interface Claims {
  /** True exactly once per `key` until `ttlMs` passes (atomic SET NX PX): event dedupe, reminder claims. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claimOnce key back (the work it guarded failed), so the next identical event is handled. */
  releaseClaim(key: string): Promise<void>;
  /** Remembers which occurrences a sent message (a reminder) was about, so a reply can confirm them. */
  rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void>;
  /** The occurrences remembered for `messageId`; empty when unknown or expired. */
  occurrencesForMessage(messageId: string): Promise<string[]>;
  /**
   * A reminder's lease, atomically: 'sent' once marked sent; 'held' while another claim's lease
   * runs — its deadline (the store clock) not passed and its owner's process alive (beatOwner);
   * else takes the lease for `owner` (`<process>.<sweep>`) until now + `leaseMs` → 'claimed'. A
   * lease whose holder died is stale as soon as its process stops beating, so a rerun after a
   * crash claims it at once: a reminder goes out once and never zero times.
   */
  claimReminder(key: string, owner: string, leaseMs: number): Promise<ReminderClaimState>;
  /**
   * After Lark accepted a message, in ONE atomic step: the message → occurrences mapping (first;
   * skipped when there are no occurrences) and a sent mark on every key. A key whose lease another
   * live owner holds is left to it and answered back; keys `owner` holds, free keys and stale
   * leases are marked. Nothing is half-written: either the mapping and all marks, or none.
   */
  recordReminderSent(sent: ReminderSent): Promise<string[]>;
  /** Drops `owner`'s lease after a failed send; true if it did. Another owner's lease and a sent mark stay. */
  releaseReminder(key: string, owner: string): Promise<boolean>;
  /**
   * `process` is alive for `ttlMs` more (a heartbeat refreshes it while the process sweeps): the
   * leases its owners hold stay held. Redis times it by its own clock, as a real process dies in
   * real time; the memory store, which lives and dies with its process, by the store clock.
   */
  beatOwner(process: string, ttlMs: number): Promise<void>;
  /** `process` stops sweeping: leases its owners still hold become stale at once. */
  endOwner(process: string): Promise<void>;
}

export interface SendBudget {
  /**
   * Lark's send limits across every replica: takes a slot for one message to `lane` (a chat) and
   * answers 0, or takes nothing and answers how many ms to wait. The memory store, which serves
   * one process, always answers 0 — the outbox's own limiter is then the whole story.
   */
  sendSlot(lane: string, limits: SendLimits): Promise<number>;
}

/** One accepted reminder message, as recordReminderSent writes it. */
export interface ReminderSent {
  /** The owner token that claimed the keys (`<process>.<sweep>`). */
  owner: string;
  messageId: string;
  /** What a reply to the message confirms; no mapping is written when empty. */
  occurrenceIds: string[];
  /** The claimed keys and the ones they supersede: all marked sent. */
  keys: string[];
  sentTtlMs: number;
  messageTtlMs: number;
}

export type ReminderClaimState = 'claimed' | 'held' | 'sent';

export interface SendLimits {
  appPerSecond: number;
  appPerMinute: number;
  lanePerSecond: number;
}
export type ConfirmSource = 'reply' | 'button' | 'command';
export type OccurrenceStatus = 'open' | 'overdue' | 'done' | 'verified';

export interface PlanSync {
  plan: Plan;
  /** From expandOccurrences(plan, …), with leads already expanded. */
  occurrences: Occurrence[];
  /** The config's version hash, recorded so the server can tell whether config changed. */
  version: string;
  /** Section names as written → sections ("各科室" → every section); identity when absent. */
  expandSections?: (names: string[]) => string[];
  /** Who synced, for the audit stream; `sync` when absent. */
  by?: string;
}

export interface SyncResult {
  changed: boolean;
  /** Item ids, plan order. */
  added: string[];
  updated: string[];
  archived: string[];
  occurrences: { added: number; updated: number; archived: number };
}

export interface PlanInfo {
  year: number;
  title: string;
  version: string;
  /** Digest of the synced content; equal digests mean equal plans. */
  digest: string;
  syncedAt: string;
}

export interface Confirmation {
  section: string;
  by: string;
  /** ISO instant. */
  at: string;
  note: string;
  source: ConfirmSource;
}

export interface Verification {
  by: string;
  at: string;
  note: string;
  source: ConfirmSource;
}

export interface OccurrenceView extends Occurrence {
  /** The item's title. */
  title: string;
  chapter: number;
  /** Confirmations by current lead sections, in lead order. */
  confirmations: Confirmation[];
  verification: Verification | null;
  /** 佐证材料 sent for it, oldest first. */
  evidence: Evidence[];
  status: OccurrenceStatus;
  archivedAt: string | null;
}

/** Units of work (work-count.ts: an occurrence × one of its lead sections) by their state. */
export interface ProgressRow {
  /** The chapter number as text, or the section name. */
  key: string;
  /** The chapter's title, or the section name again. */
  label: string;
  total: number;
  done: number;
  /** Confirmed by the section, waiting for an admin's 销号 (only with require_verify). */
  awaiting: number;
  /** Whose occurrence an admin verified (销号). */
  verified: number;
  /** Not confirmed and past due. */
  overdue: number;
  /** Not confirmed, not yet due. */
  open: number;
}

export type ConfirmResult =
  | { status: 'confirmed'; occurrence: OccurrenceView }
  | { status: 'already'; confirmation: Confirmation; occurrence: OccurrenceView };

export type UndoResult =
  | { status: 'undone'; occurrence: OccurrenceView }
  | { status: 'not-confirmed'; occurrence: OccurrenceView };

export type VerifyResult =
  | { status: 'verified'; occurrence: OccurrenceView }
  | { status: 'already'; occurrence: OccurrenceView }
  | { status: 'not-done'; occurrence: OccurrenceView };

/** A file or image sent as 佐证材料. */
export interface Evidence {
  /** The lead section it was sent for. */
  section: string;
  /** open_id of the sender. */
  by: string;
  /** ISO instant, the store clock. */
  at: string;
  kind: 'file' | 'image';
  /** Lark's file_key / image_key: downloadable only together with the message that carried it. */
  key: string;
  messageId: string;
  /** The file's name; "图片" for an image. */
  name: string;
}

export type NewEvidence = Omit<Evidence, 'at'>;

export type EvidenceResult =
  | { status: 'attached'; occurrence: OccurrenceView }
  | { status: 'already'; occurrence: OccurrenceView };

export type SendBackResult =
  /** `sections`: whose confirmations were withdrawn. */
  | { status: 'sent-back'; sections: string[]; occurrence: OccurrenceView }
  | { status: 'not-confirmed'; occurrence: OccurrenceView };

export type AuditAction =
  | 'confirm'
  | 'undo'
  | 'verify'
  | 'return'
  | 'evidence'
  | 'sync'
  /** An admin acknowledged that the ledger was lost (ledger-loss.ts). */
  | 'ack-ledger-lost';

export interface AuditEntry {
  /** Monotonic, opaque (a Redis stream id); pass as `after` to read on. */
  id: string;
  at: string;
  by: string;
  action: AuditAction;
  occurrenceId: string | null;
  section: string | null;
  note: string;
  source: ConfirmSource | 'sync';
}

/** What both stores are built with. */
export interface StoreOptions {
  /** The plan year this store holds; a sync of another year is refused. */
  year: number;
  /** Stamps confirmations and audit entries, and is "now" for statuses. Default: the system clock. */
  clock?: () => Date;
  /** The plan's time zone: turns instants into plan dates. Default Asia/Shanghai. */
  timeZone?: string;
}
