import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { keyPatterns } from '../../src/store/redis/keys.js';

/**
 * A real Redis for tests: REDIS_URL or 127.0.0.1:6379, a random key prefix per test, every key
 * under it deleted afterwards. When Redis does not answer, Redis tests skip with a loud notice —
 * unless REQUIRE_REDIS=1 (CI), where that is a failure.
 */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * For a test file's top level (`const redisUp = await redisForTests('store contract')`): true when
 * Redis answers; false with a notice on stderr when it does not; throws under REQUIRE_REDIS=1.
 */
export async function redisForTests(suite: string): Promise<boolean> {
  if (await redisAnswers()) return true;
  const message = `Redis at ${TEST_REDIS_URL} does not answer`;
  if (process.env.REQUIRE_REDIS === '1')
    throw new Error(`${message}, and REQUIRE_REDIS=1: ${suite} cannot run`);
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! SKIPPED: ${suite} — ${message}.\n!! Start Redis or set REDIS_URL; set REQUIRE_REDIS=1 to make this a failure.\n${bar}\n`,
  );
  return false;
}

export function randomPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** A plain connection for test set-up and inspection (the store under test makes its own). */
export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: false });
}

/** Deletes every key under `prefix` (plan keys `{prefix:…}` and global `prefix:…`); returns how many. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for (const pattern of keyPatterns(prefix)) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  return deleted;
}

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under `prefix` over a connection of its own: one line in an afterEach. */
export async function cleanUpPrefix(prefix: string): Promise<void> {
  const admin = testRedis();
  try {
    await deleteKeysUnder(admin, prefix);
  } finally {
    await admin.quit();
  }
}
