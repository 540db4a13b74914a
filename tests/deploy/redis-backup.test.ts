import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createStore } from '../../src/store/create-store.js';
import { runDuban } from '../helpers/cli-io.js';
import { redisServerBinary } from '../helpers/redis-topology.js';
import { larkVars, startStandIn } from '../helpers/server-harness.js';

/**
 * The backup, restore and clean-up that docs/部署指南.md tells an operator to do, done with the
 * same redis-server, redis-cli and duban commands on a Redis of this test's own (append-only, as
 * docker-compose.yml runs it), in a temporary folder that stands for the compose volume.
 */

const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));
const hasRedis = await redisServerBinary();
if (!hasRedis) {
  if (process.env.REQUIRE_REDIS === '1')
    throw new Error('redis-server is not installed, and REQUIRE_REDIS=1');
  console.warn('!! SKIPPED: the Redis backup/restore test — no redis-server binary');
}

const tmp = mkdtempSync(join(tmpdir(), 'duban-backup-'));
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe.runIf(hasRedis)('Redis backup and restore, as the guide says', () => {
  const data = join(tmp, 'data');
  const backup = join(tmp, 'backup');
  mkdirSync(data, { recursive: true });
  mkdirSync(backup, { recursive: true });

  it('BGSAVE + dump.rdb + duban export; a lost volume restored through one start without AOF', async () => {
    const port = await freePort();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, CONFIG_DIR };
    let redis = await startRedis(data, port, 'yes');
    expect((await runDuban(['sync'], env)).code).toBe(0);
    const store = await createStore({ redisUrl: env.REDIS_URL, prefix: 'duban', year: 2023 });
    try {
      await store.confirm(
        '8.4/m1/2023',
        '监督科',
        'ou_7e5ec9a7cb4663dbdd4a05f48a8cac67',
        '报告已报送',
        'command',
      );
    } finally {
      await store.close();
    }

    // Backup: a consistent snapshot, copied out, and the ledger as JSON.
    expect(await cli(port, 'BGSAVE')).toMatch(/Background saving started/);
    await until(async () => (await cli(port, 'INFO', 'persistence')).includes('rdb_bgsave_in_progress:0'));
    cpSync(join(data, 'dump.rdb'), join(backup, 'redis.rdb'));
    const keysSaved = Number(await cli(port, 'DBSIZE'));
    expect(keysSaved).toBeGreaterThan(0);
    const exported = await runDuban(['export', '--json'], env);
    expect(exported.code).toBe(0);
    const ledger = JSON.parse(exported.out) as { id: string; status: string }[];
    expect(ledger.find((r) => r.id === '8.4/m1/2023')?.status).toBe('done');

    // The volume is lost.
    await redis.stop('NOSAVE');
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);

    // The trap the guide warns of: with append-only on and no AOF, Redis ignores dump.rdb and
    // starts empty.
    cpSync(join(backup, 'redis.rdb'), join(data, 'dump.rdb'));
    redis = await startRedis(data, port, 'yes');
    expect((await cli(port, 'DBSIZE')).trim()).toBe('0');
    await redis.stop('NOSAVE');

    // Restore: no AOF, the snapshot in place, one start without append-only, then turn it on
    // (Redis writes a fresh AOF from what it loaded), and restart as compose runs it.
    rmSync(join(data, 'appendonlydir'), { recursive: true, force: true });
    cpSync(join(backup, 'redis.rdb'), join(data, 'dump.rdb'));
    redis = await startRedis(data, port, 'no');
    // Every key the snapshot held is back (how many depends on the store's layout, not on the guide).
    expect(Number(await cli(port, 'DBSIZE'))).toBe(keysSaved);
    expect((await cli(port, 'CONFIG', 'SET', 'appendonly', 'yes')).trim()).toBe('OK');
    await until(async () => {
      const info = await cli(port, 'INFO', 'persistence');
      return ['aof_enabled:1', 'aof_rewrite_in_progress:0', 'aof_rewrite_scheduled:0'].every((f) =>
        info.includes(f),
      );
    });
    await redis.stop('SAVE');
    expect(existsSync(join(data, 'appendonlydir'))).toBe(true);
    redis = await startRedis(data, port, 'yes');
    const after = await runDuban(['export', '--json'], env);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.out)).toEqual(ledger);
    await redis.stop('NOSAVE');
  }, 60_000);

  it("the guide's key patterns find every key duban wrote, and nothing else", async () => {
    const port = await freePort();
    const dir = join(tmp, 'keys');
    mkdirSync(dir);
    const redis = await startRedis(dir, port, 'no');
    let lark: Awaited<ReturnType<typeof startStandIn>> | undefined;
    try {
      const config = await loadConfig(CONFIG_DIR);
      lark = await startStandIn([
        config.org.chats.main,
        config.org.chats.leadership!,
        ...config.org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : [])),
      ]);
      const env = { REDIS_URL: `redis://127.0.0.1:${port}`, CONFIG_DIR, ...larkVars(lark.url) };
      // Plan keys, reminder claims and reply mappings, send windows (a real sweep), an event claim.
      expect((await runDuban(['sync'], env)).code).toBe(0);
      expect((await runDuban(['sweep', '--at', '2023-09-25T09:00:00+08:00'], env)).code).toBe(0);
      expect(lark.standIn.state.messages.length).toBeGreaterThan(0);
      const store = await createStore({ redisUrl: env.REDIS_URL, prefix: 'duban', year: 2023 });
      try {
        expect(await store.claimOnce('event:ev_1', 60_000)).toBe(true);
      } finally {
        await store.close();
      }
      for (const family of ['{duban:2023}:*', '{duban:reminders}:*', 'duban:claim:*'])
        expect((await cli(port, '--scan', '--pattern', family)).trim(), family).not.toBe('');
      const foreign = ['other:claim:x', '{other:2023}:meta', 'dubanx:y', '{dubanx:2023}:meta'];
      for (const key of foreign) await cli(port, 'SET', key, '1');
      const before = Number(await cli(port, 'DBSIZE'));
      expect(before).toBeGreaterThan(foreign.length + 10);
      // As written in docs/部署指南.md, with -p for this test's port.
      for (const pattern of ['{duban:*', 'duban:*'])
        await sh(
          `redis-cli -p ${port} --scan --pattern '${pattern}' | xargs -r -d '\\n' redis-cli -p ${port} unlink`,
        );
      expect(Number(await cli(port, 'DBSIZE'))).toBe(foreign.length);
      for (const key of foreign) expect((await cli(port, 'EXISTS', key)).trim()).toBe('1');
    } finally {
      await lark?.close();
      await redis.stop('NOSAVE');
    }
  }, 60_000);
});

function cli(port: number, ...args: string[]): Promise<string> {
  return sh(['redis-cli', '-p', String(port), ...args.map((a) => `'${a}'`)].join(' '));
}

function sh(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

async function startRedis(
  dir: string,
  port: number,
  appendonly: 'yes' | 'no',
): Promise<{ stop(how: 'SAVE' | 'NOSAVE'): Promise<void> }> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', appendonly],
    { stdio: 'ignore' },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  await until(async () => (await cli(port, 'PING').catch(() => '')).includes('PONG'));
  // Loading a snapshot takes a moment after the port opens.
  await until(async () => (await cli(port, 'INFO', 'persistence')).includes('loading:0'));
  return {
    stop: async (how) => {
      await cli(port, 'SHUTDOWN', how).catch(() => '');
      await exited;
    },
  };
}

async function until(check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gave up waiting');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
