import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/store/redis/create-redis.js';
import { planKeys } from '../../src/store/redis/keys.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import type { Store, StoreOptions } from '../../src/store/store.js';
import { fixturePlan } from '../helpers/plan-fixture.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { storeContract, syncInput } from './contract.js';

const redisUp = await redisForTests('RedisStore contract');

describe.runIf(redisUp)('RedisStore', () => {
  let admin: Redis;
  let prefix = randomPrefix();
  const open: Store[] = [];
  const openStore = async (options: StoreOptions): Promise<Store> => {
    const client = createRedis(TEST_REDIS_URL);
    await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    const store = new RedisStore(client, { ...options, prefix });
    open.push(store);
    return store;
  };

  beforeAll(() => {
    admin = testRedis();
  });
  afterAll(async () => {
    await admin.quit();
  });

  storeContract({
    create: async (options) => {
      prefix = randomPrefix();
      return openStore(options);
    },
    replica: openStore,
    cleanup: async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
      await deleteKeysUnder(admin, prefix);
    },
  });

  describe('keys', () => {
    it('keeps every key of a plan in one hash slot, and cleans up to nothing', async () => {
      prefix = randomPrefix();
      const store = await openStore({ year: 2023 });
      await store.syncPlan(syncInput(fixturePlan(), 'v1'));
      await store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply');
      await store.claimOnce('ev_1', 60_000);
      const planKeysFound = await admin.keys(`{${prefix}:2023}:*`);
      const k = planKeys(prefix, 2023);
      expect(planKeysFound.sort()).toEqual(
        [k.meta, k.digests, k.chapters, k.occurrences, k.audit, k.confirmations('1.1/m1/2023')].sort(),
      );
      // Cluster hashes only the first {…} of a key: one tag → one slot.
      expect(new Set(planKeysFound.map(hashTagOf))).toEqual(new Set([`${prefix}:2023`]));
      expect(planKeysFound.every((k) => k.startsWith(planKeys(prefix, 2023).base))).toBe(true);
      const ttl = await admin.pttl(`${prefix}:claim:ev_1`);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.close();
      expect(await deleteKeysUnder(admin, prefix)).toBe(planKeysFound.length + 1);
      expect(await admin.keys(`*${prefix}*`)).toEqual([]);
    });

    it('keeps reminder leases, owner liveness and message mappings in one slot', async () => {
      prefix = randomPrefix();
      const store = await openStore({ year: 2023 });
      await store.beatOwner('pA', 60_000);
      await store.claimReminder('k1', 'pA.1', 60_000);
      await store.claimReminder('k2', 'pA.1', 60_000);
      await store.recordReminderSent({
        owner: 'pA.1',
        messageId: 'om_1',
        occurrenceIds: ['1.1/m1/2023'],
        keys: ['k1', 'k2'],
        sentTtlMs: 60_000,
        messageTtlMs: 60_000,
      });
      const found = await admin.keys(`*${prefix}*`);
      expect(found).toHaveLength(4);
      expect(new Set(found.map(hashTagOf))).toEqual(new Set([`${prefix}:reminders`]));
      await store.close();
      await deleteKeysUnder(admin, prefix);
    });
  });

  describe('reminder leases in Redis', () => {
    it('a killed process’s liveness lapses on Redis’s own clock, and its lease with it', async () => {
      prefix = randomPrefix();
      const store = await openStore({ year: 2023, clock: () => new Date('2023-09-25T01:00:00Z') });
      await store.beatOwner('pDead', 150);
      await store.beatOwner('pLive', 60_000);
      expect(await store.claimReminder('k', 'pDead.1', 600_000)).toBe('claimed');
      expect(await store.claimReminder('k', 'pLive.1', 600_000)).toBe('held');
      // No endOwner: the process was killed. Its key expires by PX; the store clock stands still.
      const ownerKey = `{${prefix}:reminders}:owner:pDead`;
      for (let i = 0; i < 100 && (await admin.exists(ownerKey)) === 1; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await admin.exists(ownerKey)).toBe(0);
      expect(await store.claimReminder('k', 'pLive.1', 600_000)).toBe('claimed');
      await store.close();
      await deleteKeysUnder(admin, prefix);
    });

    it('still answers sent for marks and mappings written before lease owners', async () => {
      prefix = randomPrefix();
      const store = await openStore({ year: 2023 });
      await admin.set(`${prefix}:reminder:old-key`, 'sent', 'PX', 60_000);
      await admin.set(`${prefix}:msg:om_old`, JSON.stringify(['8.4/m1/2023']), 'PX', 60_000);
      await store.beatOwner('pA', 60_000);
      expect(await store.claimReminder('old-key', 'pA.1', 60_000)).toBe('sent');
      expect(await store.occurrencesForMessage('om_old')).toEqual(['8.4/m1/2023']);
      await store.rememberMessage('om_old', ['2.1/deadline/2023'], 60_000);
      expect(await store.occurrencesForMessage('om_old')).toEqual(['2.1/deadline/2023']);
      await store.close();
      await deleteKeysUnder(admin, prefix);
    });
  });
});

function hashTagOf(key: string): string | undefined {
  return /\{([^}]+)\}/.exec(key)?.[1];
}
