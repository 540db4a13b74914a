import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/**
 * Throw-away Redis topologies for tests, from the local `redis-server` binary: a master watched
 * by one Sentinel, and a three-master Cluster. Each runs in a temp dir on free ports and is
 * killed (by its own pid) and removed by stop().
 */
export interface Topology {
  /** A URL for createRedis in the matching mode. */
  url: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

export async function redisServerBinary(): Promise<boolean> {
  return run('redis-server', ['--version']).then(
    () => true,
    () => false,
  );
}

export async function startSentinel(): Promise<Topology> {
  return started('duban-sentinel-', async (dir, spawned) => {
    const [masterPort, sentinelPort] = [await freePort(), await freePort()];
    spawned.push(server(['--port', String(masterPort), ...EPHEMERAL], dir));
    await answers(masterPort);
    const conf = join(dir, 'sentinel.conf');
    await writeFile(conf, `port ${sentinelPort}\nsentinel monitor primary 127.0.0.1 ${masterPort} 1\n`);
    spawned.push(server([conf, '--sentinel'], dir));
    await answers(sentinelPort);
    return `redis://127.0.0.1:${sentinelPort}/primary`;
  });
}

export async function startCluster(): Promise<Topology> {
  return started('duban-cluster-', async (dir, spawned) => {
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      // The bus port defaults to port + 10000, which is past 65535 for a high free port.
      const bus = await freePort();
      const cluster = ['--cluster-enabled', 'yes', '--cluster-port', String(bus)];
      spawned.push(
        server(
          ['--port', String(port), ...cluster, '--cluster-config-file', `nodes-${port}.conf`, ...EPHEMERAL],
          dir,
        ),
      );
    }
    await Promise.all(ports.map(answers));
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports)
      await until(async () => (await ask(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'));
    return `redis://${nodes.join(',')}`;
  });
}

/** Runs `setUp` in a fresh temp dir; what it spawned is stopped if it fails, else by stop(). */
async function started(
  name: string,
  setUp: (dir: string, spawned: ChildProcess[]) => Promise<string>,
): Promise<Topology> {
  const dir = await mkdtemp(join(tmpdir(), name));
  const spawned: ChildProcess[] = [];
  try {
    const url = await setUp(dir, spawned);
    return { url, stop: () => stopAll(spawned, dir) };
  } catch (error) {
    await stopAll(spawned, dir);
    throw error;
  }
}

const EPHEMERAL = ['--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'];

function server(args: string[], dir: string): ChildProcess {
  return spawn('redis-server', args, { cwd: dir, stdio: 'ignore' });
}

async function stopAll(processes: ChildProcess[], dir: string): Promise<void> {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGTERM');
        }),
    ),
  );
  await rm(dir, { recursive: true, force: true });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function ask(port: number, ...command: [string, ...string[]]): Promise<string> {
  const r = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  r.on('error', () => {});
  try {
    await r.connect();
    return String(await r.call(...command));
  } catch {
    return '';
  } finally {
    r.disconnect();
  }
}

async function answers(port: number): Promise<void> {
  await until(async () => (await ask(port, 'PING')) === 'PONG');
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('a test Redis did not come up in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
