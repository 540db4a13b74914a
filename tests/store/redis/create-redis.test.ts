import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedis, describeRedisUrl, parseRedisUrl } from '../../../src/store/redis/create-redis.js';

describe('parseRedisUrl', () => {
  it('reads a plain URL, a TLS URL with credentials, and host lists for Sentinel and Cluster', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({
      tls: false,
      username: undefined,
      password: undefined,
      hosts: [{ host: '127.0.0.1', port: 6379 }],
      path: '',
    });
    expect(parseRedisUrl('rediss://default:p%40ss@cache.example.com:6380/2')).toEqual({
      tls: true,
      username: 'default',
      password: 'p@ss',
      hosts: [{ host: 'cache.example.com', port: 6380 }],
      path: '2',
    });
    expect(parseRedisUrl('redis://:pw@s1:26379,s2,[::1]:26380/mymaster')).toMatchObject({
      password: 'pw',
      hosts: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 6379 },
        { host: '::1', port: 26380 },
      ],
      path: 'mymaster',
    });
  });

  it.each(['http://h:6379', 'redis://', 'redis://h:port', '127.0.0.1:6379', 'redis://:secret@'])(
    'refuses %s without repeating it',
    (url) => {
      expect(() => parseRedisUrl(url)).toThrow(/REDIS_URL is not a Redis URL/);
      try {
        parseRedisUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain('secret');
      }
    },
  );

  it('describes where a URL points without its credentials', () => {
    expect(describeRedisUrl('rediss://u:secret@h1:6380,h2/0')).toBe('rediss://h1:6380,h2:6379');
    expect(describeRedisUrl('nonsense')).toBe('(unparseable REDIS_URL)');
  });
});

describe('createRedis', () => {
  it('builds a standalone, a Sentinel and a Cluster client from the mode', () => {
    const clients = [
      createRedis('redis://127.0.0.1:1', { timeoutMs: 50 }),
      createRedis('redis://127.0.0.1:1,127.0.0.1:2/primary', { mode: 'sentinel', timeoutMs: 50 }),
      createRedis('rediss://127.0.0.1:1,127.0.0.1:2', { mode: 'cluster', timeoutMs: 50 }),
    ];
    try {
      expect(clients[0]).toBeInstanceOf(Redis);
      expect((clients[0] as Redis).options).toMatchObject({
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      });
      expect((clients[1] as Redis).options).toMatchObject({
        name: 'primary',
        sentinels: [
          { host: '127.0.0.1', port: 1 },
          { host: '127.0.0.1', port: 2 },
        ],
        enableOfflineQueue: false,
      });
      expect(clients[2]).toBeInstanceOf(Cluster);
      expect((clients[2] as Cluster).options).toMatchObject({
        enableOfflineQueue: false,
        redisOptions: { tls: {}, commandTimeout: 50 },
      });
    } finally {
      for (const c of clients) {
        c.on('error', () => {});
        c.disconnect();
      }
    }
  });
});
