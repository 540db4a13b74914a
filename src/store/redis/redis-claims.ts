import { randomUUID } from 'node:crypto';
import type { StorePrimitives } from '../primitives.js';
import type { ReminderClaimState, SendLimits } from '../store.js';
import { requireTtl } from '../store-args.js';
import type { GlobalKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { claimReminderScript, releaseReminderScript } from './scripts/reminder-scripts.js';
import { sendSlotScript } from './scripts/send-slot-script.js';
import { guarded } from './unavailable.js';

/**
 * A lease is judged by the store clock inside the script; the key's own expiry only cleans up,
 * an hour after the lease, so that clock skew between replicas cannot end a lease early.
 */
const LEASE_CLEANUP_MS = 60 * 60 * 1000;

/**
 * The store's small time-limited state in Redis, outside the plan's hash tag (it belongs to no
 * plan year): event dedupe claims (SET NX PX), the message → occurrences map for replies, and
 * reminder leases and sent marks, and the send windows shared by replicas — the Redis twin of
 * MemoryClaims.
 */
export class RedisClaims implements StorePrimitives {
  constructor(
    private readonly client: RedisClient,
    private readonly global: GlobalKeys,
    private readonly clock: () => Date,
  ) {}

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    const reply = await guarded(() => this.client.set(this.global.claim(key), '1', 'PX', ttlMs, 'NX'));
    return reply === 'OK';
  }

  async rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    await guarded(() =>
      this.client.set(this.global.message(messageId), JSON.stringify(occurrenceIds), 'PX', ttlMs),
    );
  }

  async occurrencesForMessage(messageId: string): Promise<string[]> {
    const json = await guarded(() => this.client.get(this.global.message(messageId)));
    return json === null ? [] : (JSON.parse(json) as string[]);
  }

  async claimReminder(key: string, leaseMs: number): Promise<ReminderClaimState> {
    requireTtl(leaseMs);
    const now = this.clock().getTime();
    const state = await guarded(() =>
      claimReminderScript.run(
        this.client,
        [this.global.reminder(key)],
        [now, leaseMs, leaseMs + LEASE_CLEANUP_MS],
      ),
    );
    return state as ReminderClaimState;
  }

  async markReminderSent(key: string, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    await guarded(() => this.client.set(this.global.reminder(key), 'sent', 'PX', ttlMs));
  }

  async releaseReminder(key: string): Promise<void> {
    await guarded(() => releaseReminderScript.run(this.client, [this.global.reminder(key)], []));
  }

  async sendSlot(lane: string, limits: SendLimits): Promise<number> {
    const keys = [this.global.send('app-s'), this.global.send('app-m'), this.global.send(`lane:${lane}`)];
    const member = `${this.clock().getTime()}:${randomUUID()}`;
    const wait = await guarded(() =>
      sendSlotScript.run(this.client, keys, [
        this.clock().getTime(),
        member,
        limits.appPerSecond,
        limits.appPerMinute,
        limits.lanePerSecond,
      ]),
    );
    return Number(wait);
  }
}
