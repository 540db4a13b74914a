import { storeReminderClaims } from '../../src/reminders/claims.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { createRedis } from '../../src/store/redis/create-redis.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import type { StoreOptions } from '../../src/store/store.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from './redis.js';
import type { ReminderBackend } from './reminder-harness.js';

/** Every replica shares the one MemoryStore (and its claims): in-process "replicas". */
export const memoryBackend: ReminderBackend = {
  name: 'MemoryStore',
  async open(options) {
    const store = new MemoryStore(options);
    const claims = storeReminderClaims(store);
    return { store, claims, replica: async () => ({ store, claims }), cleanup: async () => {} };
  },
};

/** A real Redis under a random prefix; each replica is a RedisStore on a connection of its own. */
export const redisBackend: ReminderBackend = {
  name: 'RedisStore',
  async open(options) {
    const prefix = randomPrefix();
    const stores: RedisStore[] = [];
    const connect = async (opts: StoreOptions) => {
      const client = createRedis(TEST_REDIS_URL, { timeoutMs: 10_000 });
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
      const store = new RedisStore(client, { ...opts, prefix });
      stores.push(store);
      return { store, claims: storeReminderClaims(store) };
    };
    const first = await connect(options);
    return {
      ...first,
      replica: () => connect(options),
      async cleanup() {
        for (const store of stores) await store.close();
        await cleanUpPrefix(prefix);
      },
    };
  },
};

/** The backends the reminder tests run on: memory always, real Redis when it answers. */
export async function reminderBackends(): Promise<ReminderBackend[]> {
  return (await redisForTests('reminder sweeps on Redis')) ? [memoryBackend, redisBackend] : [memoryBackend];
}
