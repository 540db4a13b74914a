import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { DubanError } from '../../errors.js';
import { StoreUnavailableError } from '../errors.js';
import type { RedisClient } from './lua-script.js';

export type RedisMode = 'standalone' | 'sentinel' | 'cluster';

export interface RedisConnectionOptions {
  /**
   * standalone (default): the URL names the server. sentinel: the URL lists sentinels and its
   * path is the master group (`redis://s1:26379,s2:26379/mymaster`). cluster: the URL lists seed
   * nodes (`redis://n1:6379,n2:6379`). `rediss://` turns TLS on in every mode.
   */
  mode?: RedisMode;
  /** Sentinel master group when the URL has no path. Default `mymaster`. */
  sentinelName?: string;
  /** How long connecting, and any one command, may take before the caller gets an error. Default 2000. */
  timeoutMs?: number;
  /**
   * Overrides timeoutMs for commands only: a CLI sync of a very large plan runs one script for
   * seconds, which must not count as an outage.
   */
  commandTimeoutMs?: number;
}

export interface ParsedRedisUrl {
  tls: boolean;
  username?: string;
  password?: string;
  hosts: { host: string; port: number }[];
  /** What follows the host list: the db number (standalone) or the master group (sentinel). */
  path: string;
}

const DEFAULT_TIMEOUT_MS = 2000;

/**
 * An ioredis connection that fails fast instead of queueing: no offline queue, one retry per
 * command, a connect and command timeout — so when Redis is down a caller hears so within the
 * timeout (StoreUnavailableError) instead of hanging. Reconnection continues in the background
 * with capped back-off, so service resumes on its own.
 */
export function createRedis(url: string, options: RedisConnectionOptions = {}): RedisClient {
  const parsed = parseRedisUrl(url);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const failFast = {
    connectTimeout: timeout,
    commandTimeout: options.commandTimeoutMs ?? timeout,
    maxRetriesPerRequest: 1,
  } satisfies RedisOptions;
  const retryStrategy = (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2000);
  const auth = { username: parsed.username, password: parsed.password };
  const tls = parsed.tls ? { tls: {} } : {};
  switch (options.mode ?? 'standalone') {
    case 'standalone':
      return new Redis(url, { ...failFast, enableOfflineQueue: false, retryStrategy });
    case 'sentinel':
      return new Redis({
        ...failFast,
        ...auth,
        ...tls,
        enableOfflineQueue: false,
        sentinels: parsed.hosts,
        name: parsed.path || (options.sentinelName ?? 'mymaster'),
        sentinelPassword: parsed.password,
        sentinelRetryStrategy: retryStrategy,
        ...(parsed.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      });
    case 'cluster':
      return new Cluster(parsed.hosts, {
        enableOfflineQueue: false,
        clusterRetryStrategy: retryStrategy,
        redisOptions: { ...failFast, ...auth, ...tls },
      });
  }
}

/** `redis[s]://[user[:password]@]host[:port][,host[:port]…][/path]`; the error never repeats the URL (it may hold a password). */
export function parseRedisUrl(url: string): ParsedRedisUrl {
  const m = /^(rediss?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]+)(?:\/([^?#]*))?$/.exec(url.trim());
  const hosts = m?.[4]?.split(',').map(parseHost);
  if (!m || !hosts || hosts.some((h) => h === undefined))
    throw new DubanError(
      'BAD_REDIS_URL',
      'REDIS_URL is not a Redis URL: write redis://[user:password@]host:port (rediss:// for TLS; ' +
        'for Sentinel or Cluster list several host:port separated by commas)',
      { badInput: true },
    );
  return {
    tls: m[1] === 'rediss',
    username: m[2] ? decodeURIComponent(m[2]) : undefined,
    password: m[3] ? decodeURIComponent(m[3]) : undefined,
    hosts: hosts as { host: string; port: number }[],
    path: m[5] ?? '',
  };
}

/** Where a URL points, fit for logs and error messages: hosts only, never credentials. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = parseRedisUrl(url);
    return `${parsed.tls ? 'rediss' : 'redis'}://${parsed.hosts.map((h) => `${h.host}:${h.port}`).join(',')}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

/** Resolves once `client` is ready; StoreUnavailableError (with the last connection error) after `timeoutMs`. */
export async function waitUntilReady(client: RedisClient, timeoutMs: number, where: string): Promise<void> {
  if (client.status === 'ready') return;
  let lastError = '';
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      lastError = error.message;
    };
    const done = () => {
      clearTimeout(timer);
      client.off('error', onError);
      client.off('ready', onReady);
    };
    const onReady = () => {
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(
        new StoreUnavailableError(
          `Redis at ${where} did not answer within ${timeoutMs} ms${lastError ? ` (${lastError})` : ''}; ` +
            'check REDIS_URL and that Redis is running',
        ),
      );
    }, timeoutMs);
    client.on('error', onError);
    client.once('ready', onReady);
  });
}

function parseHost(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  if (!m) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 6379 };
}
