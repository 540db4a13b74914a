import { afterAll, beforeAll, describe } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import type { RedisMode } from '../../src/store/redis/create-redis.js';
import type { Store, StoreOptions } from '../../src/store/store.js';
import { randomPrefix } from '../helpers/redis.js';
import { redisServerBinary, startCluster, startSentinel, type Topology } from '../helpers/redis-topology.js';
import { storeContract } from './contract.js';

/**
 * The whole contract again through Sentinel and on a three-master Cluster, each started from the
 * local redis-server for this file: proof that every multi-key script stays in one slot and that
 * createRedis's modes really connect. Keys are not cleaned per test — the servers are discarded.
 */
const hasBinary = await redisServerBinary();
if (!hasBinary) {
  if (process.env.REQUIRE_REDIS === '1')
    throw new Error('redis-server is not installed, and REQUIRE_REDIS=1');
  console.warn('\n!! SKIPPED: Sentinel and Cluster contract runs — no redis-server binary on PATH.\n');
}

for (const [mode, start] of [
  ['sentinel', startSentinel],
  ['cluster', startCluster],
] as [RedisMode, () => Promise<Topology>][]) {
  describe.runIf(hasBinary)(`RedisStore through ${mode}`, () => {
    let topology: Topology;
    let prefix = randomPrefix();
    const open: Store[] = [];
    const openStore = async (options: StoreOptions) => {
      const store = await createStore({
        ...options,
        redisUrl: topology.url,
        prefix,
        redis: { mode, timeoutMs: 5000 },
      });
      open.push(store);
      return store;
    };

    beforeAll(async () => {
      topology = await start();
    }, 30_000);
    afterAll(() => topology.stop());

    storeContract({
      create: (options) => {
        prefix = randomPrefix();
        return openStore(options);
      },
      replica: openStore,
      cleanup: async () => {
        await Promise.all(open.splice(0).map((s) => s.close()));
      },
    });
  });
}
