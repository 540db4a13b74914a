import { MemoryReminderClaims, type ReminderClaims } from '../reminders/claims.js';
import type { Store } from '../store/store.js';

/**
 * The reminder claims for a store. They must live where the store lives: with Redis, every
 * replica sees every lease and sent mark, so each reminder goes out once.
 */
export function reminderClaimsFor(store: Store, clock: () => Date): ReminderClaims {
  const shared = store as Partial<StoreWithClaims>;
  if (shared.claimReminder && shared.markReminderSent && shared.releaseReminder) {
    return {
      claim: (key, leaseMs) => shared.claimReminder!.call(store, key, leaseMs),
      markSent: (key, ttlMs) => shared.markReminderSent!.call(store, key, ttlMs),
      release: (key) => shared.releaseReminder!.call(store, key),
    };
  }
  return new MemoryReminderClaims(clock);
}

interface StoreWithClaims {
  claimReminder(key: string, leaseMs: number): Promise<'claimed' | 'held' | 'sent'>;
  markReminderSent(key: string, ttlMs: number): Promise<void>;
  releaseReminder(key: string): Promise<void>;
}
