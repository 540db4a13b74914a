/**
 * Exactly-once delivery of reminders across replicas, restarts and crashes. A claim is a lease
 * with an owner, as BullMQ's job locks: each sweep opens a session with an owner token
 * `<process>.<sweep>`, claims its keys, sends, and records the message — its reply mapping and
 * every sent mark in one atomic step. Only the owner may release or mark its lease.
 *
 * A lease holds others off while its deadline runs AND its process is alive: the process beats
 * (store.beatOwner, every HEARTBEAT_MS, liveness OWNER_TTL_MS) while any of its sweeps runs. A
 * process killed mid-sweep stops beating, so within OWNER_TTL_MS its leases are stale and the
 * next sweep sends at once; a live but slow replica keeps its leases until their deadline. A
 * resend after a crash carries the same message key (compose's messageKey), so Lark's `uuid`
 * dedupe drops it if the first send did get through.
 */
import { randomBytes } from 'node:crypto';
import type { Claims, ReminderClaimState, ReminderSent } from '../store/store.js';

export type ClaimState = ReminderClaimState;

/** How long a process that stopped beating still holds its leases. */
export const OWNER_TTL_MS = 5_000;
/** How often a sweeping process refreshes its liveness: a few beats per OWNER_TTL_MS. */
export const HEARTBEAT_MS = 1_500;

export interface ReminderClaims {
  /** This process's id: the first part of every owner token it hands out. */
  readonly process: string;
  /** How long after its last beat a dead process's leases still hold. */
  readonly ownerTtlMs: number;
  /**
   * One sweep's claims under a fresh owner token. The process is marked alive before this
   * resolves and kept alive until the last open session ends.
   */
  open(): Promise<ClaimSession>;
}

export interface ClaimSession {
  /** `<process>.<sweep>` */
  readonly owner: string;
  /**
   * Atomically: 'sent' if the key was marked sent; 'held' if another owner's lease still holds
   * (deadline not passed, its process alive); else takes the lease for `leaseMs` → 'claimed'.
   */
  claim(key: string, leaseMs: number): Promise<ClaimState>;
  /**
   * After Lark accepted a message: its reply mapping and all its sent marks in one atomic step.
   * Answers the keys left alone because another live owner holds them (normally none).
   */
  recordSent(sent: Omit<ReminderSent, 'owner'>): Promise<string[]>;
  /** Drops this session's lease after a failed send so the next sweep may try again. */
  release(key: string): Promise<boolean>;
  /** The sweep is over; the last session of the process stops the heartbeat and ends its liveness. */
  end(): Promise<void>;
}

export type ClaimStore = Pick<
  Claims,
  'claimReminder' | 'recordReminderSent' | 'releaseReminder' | 'beatOwner' | 'endOwner'
>;

export interface ClaimOptions {
  /** Default: random per ReminderClaims (one per process in the server and the CLI). */
  process?: string;
  ownerTtlMs?: number;
  heartbeatMs?: number;
}

/** The claims every replica shares: the store's (Redis in production). */
export function storeReminderClaims(store: ClaimStore, options: ClaimOptions = {}): ReminderClaims {
  const process = options.process ?? `p${randomBytes(8).toString('hex')}`;
  const ownerTtlMs = options.ownerTtlMs ?? OWNER_TTL_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  let sweeps = 0;
  let open = 0;
  let heartbeat: NodeJS.Timeout | undefined;

  const beat = () => store.beatOwner(process, ownerTtlMs);
  const stopBeating = async () => {
    clearInterval(heartbeat);
    heartbeat = undefined;
    // Best effort: if the store is down, the liveness key lapses on its own within ownerTtlMs.
    await store.endOwner(process).catch(() => {});
  };

  return {
    process,
    ownerTtlMs,
    async open() {
      open++;
      try {
        // Every session beats before its first claim, so no claim ever precedes its liveness.
        await beat();
      } catch (error) {
        if (--open === 0) await stopBeating();
        throw error;
      }
      if (!heartbeat) {
        heartbeat = setInterval(() => {
          beat().catch(() => {}); // a missed beat is retried at the next; too many and others take over
        }, heartbeatMs);
        heartbeat.unref();
      }
      const owner = `${process}.${++sweeps}`;
      let ended = false;
      return {
        owner,
        claim: (key, leaseMs) => store.claimReminder(key, owner, leaseMs),
        recordSent: (sent) => store.recordReminderSent({ ...sent, owner }),
        release: (key) => store.releaseReminder(key, owner),
        async end() {
          if (ended) return;
          ended = true;
          if (--open === 0) await stopBeating();
        },
      };
    },
  };
}
