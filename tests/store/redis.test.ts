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
      expect(planKeysFound.length).toBeGreaterThan(20);
      // Cluster hashes only the first {…} of a key: one tag → one slot.
      expect(new Set(planKeysFound.map(hashTagOf))).toEqual(new Set([`${prefix}:2023`]));
      expect(planKeysFound.every((k) => k.startsWith(planKeys(prefix, 2023).base))).toBe(true);
      const ttl = await admin.pttl(`${prefix}:claim:ev_1`);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.close();
      expect(await deleteKeysUnder(admin, prefix)).toBeGreaterThan(20);
      expect(await admin.keys(`*${prefix}*`)).toEqual([]);
    });
  });
});

function hashTagOf(key: string): string | undefined {
  return /\{([^}]+)\}/.exec(key)?.[1];
}
