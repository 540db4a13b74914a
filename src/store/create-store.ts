import { MemoryStore } from './memory/memory-store.js';
import {
  createRedis,
  describeRedisUrl,
  type RedisConnectionOptions,
  waitUntilReady,
} from './redis/create-redis.js';
import { RedisStore } from './redis/redis-store.js';
import type { Store, StoreOptions } from './store.js';

/** The few logger methods the store uses; a pino logger fits. */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CreateStoreOptions extends StoreOptions {
  /** REDIS_URL; unset → the in-memory store (nothing persists, nothing is shared). */
  redisUrl?: string;
  /** REDIS_PREFIX. Default `duban`. */
  prefix?: string;
  redis?: RedisConnectionOptions;
  logger?: StoreLogger;
}

export const MEMORY_STORE_WARNING =
  'REDIS_URL is unset: using the in-memory store — nothing persists across restarts and replicas do not share state';

/**
 * The store the environment asks for. With REDIS_URL it connects and waits until Redis answers
 * (StoreUnavailableError after the timeout, naming the host but never the password); later
 * outages surface per call while ioredis reconnects in the background.
 */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const { redisUrl, logger } = options;
  if (redisUrl === undefined || redisUrl === '') {
    logger?.warn({}, MEMORY_STORE_WARNING);
    return new MemoryStore(options);
  }
  const where = describeRedisUrl(redisUrl);
  const client = createRedis(redisUrl, options.redis);
  // Without a listener ioredis prints every failed reconnect to the console itself.
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger?.warn({ redis: where, error: error.message }, 'redis connection error; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger?.info({ redis: where }, 'redis connection restored');
    down = false;
  });
  try {
    await waitUntilReady(client, options.redis?.timeoutMs ?? 2000, where);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return new RedisStore(client, { ...options, prefix: options.prefix ?? 'duban' });
}
