import type { ReminderClaimState, ReminderSent, SendLimits, Store } from './store.js';

/**
 * The store's small time-limited state: event dedupe claims, the message → occurrences map for
 * replies, reminder leases (with owners and their processes' liveness) and sent marks, and the
 * send budget shared by replicas. MemoryClaims
 * and RedisClaims implement it; the stores hand these calls straight to them.
 */
export type StorePrimitives = Pick<
  Store,
  | 'claimOnce'
  | 'releaseClaim'
  | 'rememberMessage'
  | 'occurrencesForMessage'
  | 'claimReminder'
  | 'recordReminderSent'
  | 'releaseReminder'
  | 'beatOwner'
  | 'endOwner'
  | 'sendSlot'
>;

/** The delegation both stores share, written once. */
export abstract class DelegatesPrimitives implements StorePrimitives {
  protected abstract readonly primitives: StorePrimitives;

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
}
