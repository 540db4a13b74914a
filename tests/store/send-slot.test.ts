import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';

const redisUp = await redisForTests('sendSlot on Redis');
const LIMITS = { appPerSecond: 2, appPerMinute: 3, lanePerSecond: 1 };

describe('sendSlot', () => {
  it('never makes a lone process wait (memory)', async () => {
    const store = new MemoryStore({ year: 2023 });
    for (let i = 0; i < 10; i++) expect(await store.sendSlot('chat:a', LIMITS)).toBe(0);
  });

  describe.runIf(redisUp)('in Redis', () => {
    const prefix = randomPrefix();
    const admin = testRedis();
    let now = Date.UTC(2023, 8, 25, 1, 0, 0);
    let store: Store;
    beforeAll(async () => {
      store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023, clock: () => new Date(now) });
    });
    afterAll(async () => {
      await store.close();
      await deleteKeysUnder(admin, prefix);
      admin.disconnect();
    });

    it('keeps to the lane, second and minute windows, and takes nothing when it refuses', async () => {
      expect(await store.sendSlot('chat:a', LIMITS)).toBe(0);
      const laneWait = await store.sendSlot('chat:a', LIMITS); // one per second per chat
      expect(laneWait).toBeGreaterThan(0);
      expect(laneWait).toBeLessThanOrEqual(1001);
      expect(await store.sendSlot('chat:b', LIMITS)).toBe(0);
      expect(await store.sendSlot('chat:c', LIMITS)).toBeGreaterThan(0); // two per second per app
      now += 1001;
      expect(await store.sendSlot('chat:c', LIMITS)).toBe(0); // the refusal above took no slot
      now += 1001;
      const minuteWait = await store.sendSlot('chat:d', LIMITS); // three per minute per app
      expect(minuteWait).toBeGreaterThan(50_000);
      expect(minuteWait).toBeLessThanOrEqual(60_001);
    });
  });
});
