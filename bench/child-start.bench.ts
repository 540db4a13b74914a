/**
 * What one child process of the test suite costs to start, as the tests started them before
 * (`node --import tsx src/…`) and as they do now (`node <this run's build>/…`, built as vitest's
 * globalSetup builds it): wall time and CPU time (user + system) of
 *   - `duban check` (the CLI, start to exit), and
 *   - the server (local mode, in-memory store, no reminders), start to "duban is ready".
 * The two ways alternate within each round, so load from other work falls on both alike.
 *
 *   npx tsx bench/child-start.bench.ts [rounds, default 5]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIntoTemp } from '../tests/helpers/build-duban.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG_DIR = join(ROOT, 'config');
const rounds = Number(process.argv[2] ?? 5);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`rounds must be a whole number ≥ 1, not ${process.argv[2]}`);
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** `duban check` through sh, whose `times` prints its children's user and system time. */
function cliCheck(argv: string[]): Promise<Sample> {
  const began = performance.now();
  const child = spawn('/bin/sh', ['-c', '"$@" >/dev/null; times', 'sh', process.execPath, ...argv, 'check'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CONFIG_DIR },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const wallMs = performance.now() - began;
      // Second line of `times`: "<user>m<s>s <system>m<s>s" of the shell's children.
      const times = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out.trim());
      if (code !== 0 || !times) return reject(new Error(`duban check failed (exit ${code}): ${out}`));
      const [, um, us, sm, ss] = times.map(Number) as number[];
      resolve({ wallMs, cpuMs: ((um! + sm!) * 60 + us! + ss!) * 1000 });
    }),
  );
}

/** The server until it logs "duban is ready"; CPU read from /proc at that moment, then killed. */
function serverReady(argv: string[]): Promise<Sample> {
  const began = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CONFIG_DIR, PORT: '0', REMINDERS: 'off', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    let ready: Sample | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (ready || !seen.includes('"msg":"duban is ready"')) return;
      const wallMs = performance.now() - began;
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ready = { wallMs, cpuMs: ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_S) * 1000 };
      child.kill('SIGKILL');
    });
    child.once('exit', (code) =>
      ready ? resolve(ready) : reject(new Error(`the server exited with ${code} before it was ready`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const built = await buildIntoTemp();
try {
  const ways = {
    tsx: { cli: ['--import', 'tsx', 'src/cli/main.ts'], server: ['--import', 'tsx', 'src/main.ts'] },
    built: { cli: [join(built.dist, 'cli', 'main.js')], server: [join(built.dist, 'main.js')] },
  };
  const samples: Record<string, Sample[]> = {};
  const add = (key: string, sample: Sample) => {
    samples[key] ??= [];
    samples[key].push(sample);
  };
  // One unmeasured start of each warms the disk cache and tsx's transform cache.
  for (const way of Object.values(ways)) {
    await cliCheck(way.cli);
    await serverReady(way.server);
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, way] of Object.entries(ways)) {
      add(`duban check, ${name}`, await cliCheck(way.cli));
      add(`server to ready, ${name}`, await serverReady(way.server));
    }
  }
  console.log(
    `child start, median of ${rounds} (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
  );
  console.log('| child | wall ms | CPU ms |');
  console.log('|---|---|---|');
  for (const [key, list] of Object.entries(samples).sort(([a], [b]) => a.localeCompare(b))) {
    const wall = median(list.map((s) => s.wallMs)).toFixed(0);
    const cpu = median(list.map((s) => s.cpuMs)).toFixed(0);
    console.log(`| ${key} | ${wall} | ${cpu} |`);
  }
} finally {
  built.remove();
}
