import type { ReminderClaimState, SendLimits, Store } from './store.js';

/**
 * The store's small time-limited state: event dedupe claims, the message → occurrences map for
 * replies, reminder leases and sent marks, and the send budget shared by replicas. MemoryClaims
 * and RedisClaims implement it; the stores hand these calls straight to them.
 */
export type StorePrimitives = Pick<
  Store,
  | 'claimOnce'
  | 'rememberMessage'
  | 'occurrencesForMessage'
  | 'claimReminder'
  | 'markReminderSent'
  | 'releaseReminder'
  | 'sendSlot'
>;

/** The delegation both stores share, written once. */
export abstract class DelegatesPrimitives implements StorePrimitives {
  protected abstract readonly primitives: StorePrimitives;

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.primitives.claimOnce(key, ttlMs);
  }

  rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    return this.primitives.rememberMessage(messageId, occurrenceIds, ttlMs);
  }

  occurrencesForMessage(messageId: string): Promise<string[]> {
    return this.primitives.occurrencesForMessage(messageId);
  }

  claimReminder(key: string, leaseMs: number): Promise<ReminderClaimState> {
    return this.primitives.claimReminder(key, leaseMs);
  }

  markReminderSent(key: string, ttlMs: number): Promise<void> {
    return this.primitives.markReminderSent(key, ttlMs);
  }

  releaseReminder(key: string): Promise<void> {
    return this.primitives.releaseReminder(key);
  }

  sendSlot(lane: string, limits: SendLimits): Promise<number> {
    return this.primitives.sendSlot(lane, limits);
  }
}
