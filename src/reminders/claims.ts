/**
 * Exactly-once delivery of reminders across replicas and restarts. A claim is a lease: the
 * replica that wins it sends, then marks the key sent; if it dies in between, the lease runs out
 * and the next sweep (this replica's follow-up or another's) claims and sends it once more. Lark's
 * `uuid` (the message key) stops a double on Lark's side if the first send did get through.
 */
import type { ReminderClaimState, Store } from '../store/store.js';

export type ClaimState = ReminderClaimState;

export interface ReminderClaims {
  /**
   * Atomically: 'sent' if the key was marked sent; 'held' if another claim's lease is still
   * running; else takes the lease for `leaseMs` and answers 'claimed'.
   */
  claim(key: string, leaseMs: number): Promise<ClaimState>;
  /** Marks the key sent for `ttlMs` (longer than any window a sweep looks back over). */
  markSent(key: string, ttlMs: number): Promise<void>;
  /** Drops a lease after a failed send so the next sweep may try again; a sent key stays sent. */
  release(key: string): Promise<void>;
}

/** The claims every replica shares: the store's (Redis in production). */
export function storeReminderClaims(
  store: Pick<Store, 'claimReminder' | 'markReminderSent' | 'releaseReminder'>,
): ReminderClaims {
  return {
    claim: (key, leaseMs) => store.claimReminder(key, leaseMs),
    markSent: (key, ttlMs) => store.markReminderSent(key, ttlMs),
    release: (key) => store.releaseReminder(key),
  };
}
