import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore, MEMORY_STORE_WARNING } from '../../src/store/create-store.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/store.js';
import { fixturePlan } from '../helpers/plan-fixture.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { syncInput } from './contract.js';

const redisUp = await redisForTests('store faults');

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createStore', () => {
  it('falls back to memory when REDIS_URL is unset, and says nothing persists', async () => {
    const warn = vi.fn();
    const store = await createStore({ year: 2023, logger: { warn, info: vi.fn() } });
    await store.syncPlan(syncInput(fixturePlan(), 'v1'));
    expect((await store.occurrence('1.1/m1/2023'))?.itemId).toBe('1.1');
    expect(warn).toHaveBeenCalledWith({}, MEMORY_STORE_WARNING);
    expect(MEMORY_STORE_WARNING).toMatch(/nothing persists/);
  });

  it('fails fast and clearly when Redis does not answer, without printing the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await createStore({
      year: 2023,
      redisUrl: `redis://:s3cret@127.0.0.1:${port}`,
      redis: { timeoutMs: 300 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(String((error as Error).message)).toContain(`127.0.0.1:${port}`);
    expect(String((error as Error).message)).not.toContain('s3cret');
  });

  it('refuses a URL that is not a Redis URL, naming REDIS_URL', async () => {
    await expect(createStore({ year: 2023, redisUrl: 'http://example.com' })).rejects.toMatchObject({
      code: 'BAD_REDIS_URL',
      badInput: true,
      message: expect.stringContaining('REDIS_URL'),
    });
  });
});

describe.runIf(redisUp)('RedisStore when Redis goes away', () => {
  let proxy: TcpProxy | undefined;
  let store: Store | undefined;
  const prefix = randomPrefix();

  afterEach(async () => {
    await store?.close();
    await proxy?.close();
    await cleanUpPrefix(prefix);
  });

  it('answers StoreUnavailable quickly, writes nothing, and recovers when Redis is back', async () => {
    const target = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    store = await createStore({
      year: 2023,
      prefix,
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      redis: { timeoutMs: 500 },
    });
    await store.syncPlan(syncInput(fixturePlan(), 'v1'));
    await store.ping();

    proxy.cut();
    const started = Date.now();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    await expect(store.dueBetween('2023-01-01', '2023-12-31')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(1500);

    proxy.restore();
    await vi.waitFor(() => store!.ping(), { timeout: 5000, interval: 50 });
    const view = await store.occurrence('1.1/m1/2023');
    expect(view?.confirmations).toEqual([]);
    expect((await store.audit()).map((e) => e.action)).toEqual(['sync']);
    expect((await store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '', 'reply')).status).toBe('confirmed');
  });
});
