import type { ReminderClaimState, ReminderSent, SendLimits } from '../store.js';
import { ownerProcess, requireProcessId, requireTtl } from '../store-args.js';
import type { StorePrimitives } from '../store-base.js';

type Lease = { state: 'held'; owner: string; until: number } | { state: 'sent'; until: number };

/**
 * The store's small time-limited state in process memory: event dedupe claims, the message →
 * occurrences map for replies, and reminder leases, their owners' liveness and sent marks — timed
 * by the injected clock so tests move time without sleeping. The same rules as the Redis scripts
 * (scripts/reminder-scripts.ts); each call is one synchronous step, so it is as atomic as theirs.
 */
export class MemoryClaims implements StorePrimitives {
  private readonly claims = new Map<string, number>();
  private readonly messages = new Map<string, { ids: string[]; expires: number }>();
  private readonly reminders = new Map<string, Lease>();
  /** Process id → until when it is alive (beatOwner). */
  private readonly owners = new Map<string, number>();

  constructor(private readonly clock: () => Date) {}

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    const now = this.now();
    const expires = this.claims.get(key);
    if (expires !== undefined && expires > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  async releaseClaim(key: string): Promise<void> {
    this.claims.delete(key);
  }

  async rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    this.messages.set(messageId, { ids: [...occurrenceIds], expires: this.now() + ttlMs });
  }

  async occurrencesForMessage(messageId: string): Promise<string[]> {
    const entry = this.messages.get(messageId);
    return entry && entry.expires > this.now() ? [...entry.ids] : [];
  }

  async claimReminder(key: string, owner: string, leaseMs: number): Promise<ReminderClaimState> {
    requireTtl(leaseMs);
    ownerProcess(owner);
    const now = this.now();
    const entry = this.live(key, now);
    if (entry?.state === 'sent') return 'sent';
    if (entry && this.holds(entry, now)) return 'held';
    this.reminders.set(key, { state: 'held', owner, until: now + leaseMs });
    return 'claimed';
  }

  async recordReminderSent(sent: ReminderSent): Promise<string[]> {
    requireTtl(sent.sentTtlMs);
    requireTtl(sent.messageTtlMs);
    ownerProcess(sent.owner);
    const now = this.now();
    if (sent.occurrenceIds.length > 0)
      this.messages.set(sent.messageId, { ids: [...sent.occurrenceIds], expires: now + sent.messageTtlMs });
    const leftToOthers: string[] = [];
    for (const key of sent.keys) {
      const entry = this.live(key, now);
      if (entry?.state === 'sent') continue;
      if (entry && entry.owner !== sent.owner && this.holds(entry, now)) leftToOthers.push(key);
      else this.reminders.set(key, { state: 'sent', until: now + sent.sentTtlMs });
    }
    return leftToOthers;
  }

  async releaseReminder(key: string, owner: string): Promise<boolean> {
    const entry = this.reminders.get(key);
    if (entry?.state !== 'held' || entry.owner !== owner) return false;
    this.reminders.delete(key);
    return true;
  }

  async beatOwner(process: string, ttlMs: number): Promise<void> {
    requireProcessId(process);
    requireTtl(ttlMs);
    this.owners.set(process, this.now() + ttlMs);
  }

  async endOwner(process: string): Promise<void> {
    this.owners.delete(process);
  }

  /** The key's lease or mark, unless it has expired (the Redis key's PX, here by the clock). */
  private live(key: string, now: number): Lease | undefined {
    const entry = this.reminders.get(key);
    if (!entry) return undefined;
    // A held lease is kept past its deadline (as the Redis clean-up PX does), so its owner can
    // still release it or mark it; it no longer holds anyone off.
    if (entry.state === 'sent' && entry.until <= now) return undefined;
    return entry;
  }

  /** A held lease holds while its deadline has not passed and its owner's process is alive. */
  private holds(entry: Lease, now: number): entry is Extract<Lease, { state: 'held' }> {
    if (entry.state !== 'held' || entry.until <= now) return false;
    const alive = this.owners.get(ownerProcess(entry.owner));
    return alive !== undefined && alive > now;
  }

  /** One process: the outbox's own limiter already keeps to Lark's limits, so never wait here. */
  async sendSlot(_lane: string, _limits: SendLimits): Promise<number> {
    return 0;
  }

  private now(): number {
    return this.clock().getTime();
  }
}
