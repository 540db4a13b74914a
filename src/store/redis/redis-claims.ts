import { randomUUID } from 'node:crypto';
import type { ReminderClaimState, ReminderSent, SendLimits } from '../store.js';
import { ownerProcess, requireProcessId, requireTtl } from '../store-args.js';
import type { StorePrimitives } from '../store-base.js';
import type { GlobalKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { integer, integers, oneOf, parseOccurrenceIds } from './replies.js';
import {
  claimReminderScript,
  recordReminderSentScript,
  releaseReminderScript,
} from './scripts/reminder-scripts.js';
import { sendSlotScript } from './scripts/send-slot-script.js';
import { guarded } from './unavailable.js';

const CLAIM_STATES: readonly ReminderClaimState[] = ['claimed', 'held', 'sent'];

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

  async releaseClaim(key: string): Promise<void> {
    await guarded(() => this.client.del(this.global.claim(key)));
  }

  async rememberMessage(messageId: string, occurrenceIds: string[], ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    await guarded(() =>
      this.client.set(this.global.message(messageId), JSON.stringify(occurrenceIds), 'PX', ttlMs),
    );
  }

  async occurrencesForMessage(messageId: string): Promise<string[]> {
    const json =
      (await guarded(() => this.client.get(this.global.message(messageId)))) ??
      (await guarded(() => this.client.get(this.global.legacyMessage(messageId))));
    return json === null ? [] : parseOccurrenceIds(json);
  }

  async claimReminder(key: string, owner: string, leaseMs: number): Promise<ReminderClaimState> {
    requireTtl(leaseMs);
    ownerProcess(owner);
    // A mark written before lease owners is final: read it, never write there again.
    const legacy = await guarded(() => this.client.get(this.global.legacyReminder(key)));
    if (legacy === 'sent') return 'sent';
    const now = this.clock().getTime();
    const state = await guarded(() =>
      claimReminderScript.run(
        this.client,
        [this.global.reminder(key)],
        [now, leaseMs, leaseMs + LEASE_CLEANUP_MS, owner, this.global.ownerBase],
      ),
    );
    return oneOf(state, CLAIM_STATES, 'claim-reminder reply');
  }

  async recordReminderSent(sent: ReminderSent): Promise<string[]> {
    requireTtl(sent.sentTtlMs);
    requireTtl(sent.messageTtlMs);
    ownerProcess(sent.owner);
    const mapping = sent.occurrenceIds.length > 0 ? JSON.stringify(sent.occurrenceIds) : '';
    const left = await guarded(() =>
      recordReminderSentScript.run(
        this.client,
        [this.global.message(sent.messageId), ...sent.keys.map((key) => this.global.reminder(key))],
        [
          this.clock().getTime(),
          sent.owner,
          this.global.ownerBase,
          sent.sentTtlMs,
          mapping,
          sent.messageTtlMs,
        ],
      ),
    );
    return integers(left, 'record-reminder-sent reply').map((position) => sent.keys[position - 1]!);
  }

  async releaseReminder(key: string, owner: string): Promise<boolean> {
    const dropped = await guarded(() =>
      releaseReminderScript.run(this.client, [this.global.reminder(key)], [owner]),
    );
    return integer(dropped, 'release-reminder reply') === 1;
  }

  async beatOwner(process: string, ttlMs: number): Promise<void> {
    requireProcessId(process);
    requireTtl(ttlMs);
    await guarded(() => this.client.set(this.global.owner(process), '1', 'PX', ttlMs));
  }

  async endOwner(process: string): Promise<void> {
    requireProcessId(process);
    await guarded(() => this.client.del(this.global.owner(process)));
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
    return integer(wait, 'send-slot reply');
  }
}
