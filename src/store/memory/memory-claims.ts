import type { StorePrimitives } from '../primitives.js';
import type { ReminderClaimState, SendLimits } from '../store.js';
import { requireTtl } from '../store-args.js';

/**
 * The store's small time-limited state in process memory: event dedupe claims, the message →
 * occurrences map for replies, and reminder leases and sent marks — timed by the injected clock
 * so tests move time without sleeping.
 */
export class MemoryClaims implements StorePrimitives {
  private readonly claims = new Map<string, number>();
  private readonly messages = new Map<string, { ids: string[]; expires: number }>();
  private readonly reminders = new Map<string, { state: 'held' | 'sent'; until: number }>();

  constructor(private readonly clock: () => Date) {}

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    const now = this.now();
    const expires = this.claims.get(key);
    if (expires !== undefined && expires > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  async rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    this.messages.set(messageId, { ids: [...occurrenceIds], expires: this.now() + ttlMs });
  }

  async occurrencesForMessage(messageId: string): Promise<string[]> {
    const entry = this.messages.get(messageId);
    return entry && entry.expires > this.now() ? [...entry.ids] : [];
  }

  async claimReminder(key: string, leaseMs: number): Promise<ReminderClaimState> {
    requireTtl(leaseMs);
    const now = this.now();
    const entry = this.reminders.get(key);
    if (entry && entry.until > now) return entry.state;
    this.reminders.set(key, { state: 'held', until: now + leaseMs });
    return 'claimed';
  }

  async markReminderSent(key: string, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    this.reminders.set(key, { state: 'sent', until: this.now() + ttlMs });
  }

  async releaseReminder(key: string): Promise<void> {
    if (this.reminders.get(key)?.state === 'held') this.reminders.delete(key);
  }

  /** One process: the outbox's own limiter already keeps to Lark's limits, so never wait here. */
  async sendSlot(_lane: string, _limits: SendLimits): Promise<number> {
    return 0;
  }

  private now(): number {
    return this.clock().getTime();
  }
}
