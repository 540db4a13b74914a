import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** A standalone, Sentinel-managed or Cluster connection: the store works the same on all three. */
export type RedisClient = Redis | Cluster;

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use or after a server restart (NOSCRIPT
 * → EVAL, which also caches it). Each script's source starts with a header naming its KEYS,
 * ARGV and return value.
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    client: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
