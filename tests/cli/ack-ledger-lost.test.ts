import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { runDuban } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';

const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));
const redisUp = await redisForTests('duban ack-ledger-lost on Redis');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runDuban(args, { CONFIG_DIR, ...env });

describe('duban ack-ledger-lost', () => {
  it('needs --by, and Redis, saying how to give each (exit 2)', async () => {
    const noBy = await run(['ack-ledger-lost']);
    expect(noBy.code).toBe(2);
    expect(noBy.err).toContain('--by is required: who acknowledges, e.g. --by 周婷');
    const noRedis = await run(['ack-ledger-lost', '--by', '周婷']);
    expect(noRedis.code).toBe(2);
    expect(noRedis.err).toContain('REDIS_URL is unset: the ledger-lost mark lives in Redis');
  });
});

describe.runIf(redisUp)('duban ack-ledger-lost against Redis', () => {
  const prefix = randomPrefix();
  afterEach(() => cleanUpPrefix(prefix));

  it('clears the mark every replica reads, and the audit stream names who acknowledged', async () => {
    const lostAt = new Date('2023-09-25T02:00:00Z');
    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023, clock: () => lostAt });
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    try {
      expect((await run(['sync'], env)).code).toBe(0);
      expect(await store.markLedgerLost()).toBe(true);
      const acked = await run(['ack-ledger-lost', '--by', '周婷'], env);
      expect(acked.code).toBe(0);
      expect(acked.out).toMatch(/^已确认账本丢失（丢失于 2023-09-25T02:00:00\.000Z）/);
      expect(await store.ledgerLost()).toBeNull();
      expect((await store.audit()).at(-1)).toMatchObject({
        action: 'ack-ledger-lost',
        by: '周婷',
        note: 'ledger lost at 2023-09-25T02:00:00.000Z; acknowledged via duban ack-ledger-lost',
      });
      const again = await run(['ack-ledger-lost', '--by', '周婷'], env);
      expect(again.out).toBe('没有待确认的账本丢失，无需确认。\n');
    } finally {
      await store.close();
    }
  });
});
