import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import type { LedgerRow } from '../../src/store/ledger-export.js';
import { runDuban } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';

const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));
const AT = '2023-07-01T09:00:00+08:00';
const redisUp = await redisForTests('duban sync/export on Redis');

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runDuban(args, { CONFIG_DIR, ...env });

describe('duban sync and export without Redis', () => {
  it('syncs into memory, warning that nothing persists', async () => {
    const { code, out, err } = await run(['sync']);
    expect(code).toBe(0);
    expect(out).toMatch(/^synced plan 2023 \(version [0-9a-f]{12}\): 24 items, 51 occurrences\n/);
    expect(out).toContain('items: 24 added, 0 updated, 0 archived');
    expect(err).toMatch(/REDIS_URL is unset.*memory/);
  });

  it('exports every unit (occurrence × lead section) with an empty ledger, and says the ledger is empty', async () => {
    const { code, out, err } = await run(['export', '--json', '--at', AT]);
    expect(code).toBe(0);
    expect(err).toMatch(/no ledger.*set REDIS_URL/);
    const rows = JSON.parse(out) as LedgerRow[];
    // 51 occurrences, 57 units: the total 进度 and the weekly digest show.
    expect(rows).toHaveLength(57);
    expect(new Set(rows.map((r) => r.id)).size).toBe(51);
    expect(rows[0]).toEqual({
      id: '6.2/m2/2023-01',
      itemId: '6.2',
      title: '持续抓好金融服务',
      due: '2023-01-31',
      section: '金融服务中心',
      leads: ['金融服务中心'],
      status: 'overdue',
      confirmations: [],
      verification: null,
      notes: [],
      evidence: [],
    });
    expect(rows.find((r) => r.id === '8.4/m1/2023')?.status).toBe('open');
    expect(rows.every((r) => r.confirmations.length === 0)).toBe(true);
  });

  it('refuses --json with --csv and a bad --at, exit 2', async () => {
    expect((await run(['export', '--json', '--csv'])).code).toBe(2);
    const bad = await run(['export', '--at', 'tomorrow']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at tomorrow');
  });

  it('exits 1 with a clear message when Redis does not answer', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { code, err } = await run(['sync'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`duban sync: Redis at redis://127\\.0\\.0\\.1:${port} did not answer`));
    expect(err).not.toMatch(/\n\s+at /); // an outage is reported in one line, not as a crash
  });
});

describe.runIf(redisUp)('duban sync and export on Redis', () => {
  const prefix = randomPrefix();
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };

  afterEach(async () => {
    await cleanUpPrefix(prefix);
  });

  it('syncs once, then says no change; both exports are identical; a confirm shows in export and audit', async () => {
    expect((await run(['sync'], env)).out).toContain('24 added');
    const first = await run(['export', '--json', '--at', AT], env);
    expect(first.err).toBe('');
    const again = await run(['sync'], env);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^no change: plan 2023/);
    const second = await run(['export', '--json', '--at', AT], env);
    expect(second.out).toBe(first.out);

    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
    try {
      await store.confirm('8.4/m3/2023', '监督科', 'ou_sun', '已检查', 'reply');
      const rows = JSON.parse((await run(['export', '--json', '--at', AT], env)).out) as LedgerRow[];
      const row = rows.find((r) => r.id === '8.4/m3/2023');
      expect(row?.status).toBe('done');
      expect(row?.confirmations).toEqual([
        { section: '监督科', by: 'ou_sun', at: expect.any(String), note: '已检查' },
      ]);
      const audit = await store.audit();
      expect(audit.map((e) => [e.action, e.by])).toEqual([
        ['sync', 'duban sync'],
        ['confirm', 'ou_sun'],
      ]);
    } finally {
      await store.close();
    }

    const csv = await run(['export', '--csv', '--at', AT], env);
    expect(csv.out.startsWith('\uFEFF"id","itemId"')).toBe(true);
    expect(csv.out).toContain(
      '"8.4/m3/2023","8.4","加强财政监督","2023-06-30","监督科","监督科","done","监督科 | ou_sun | ',
    );
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(58);
  });
});
