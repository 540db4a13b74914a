/**
 * Start to ready and idle memory of the production build (`node dist/main.js`, local mode with
 * the reference plan, in-memory store — or Redis when REDIS_URL is set), against a bare Node HTTP
 * server started the same way in the same run. Targets: ready < 1.5 s, idle RSS < 120 MB.
 *
 *   npm run build && npx tsx bench/startup.bench.ts [runs, default 5]
 *
 * A second duban row runs with the V8 flags the Dockerfile sets (smaller young generation), to
 * show what they buy.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 5);
const IDLE_MS = 10_000;
if (!existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run `npm run build` first');

const BARE = `require('http').createServer((q,s)=>s.end('ok')).listen(0,()=>console.log(JSON.stringify({msg:'duban is ready'})))`;

interface Sample {
  readyMs: number;
  rssMb: number;
}

async function start(args: string[], env: Record<string, string>): Promise<Sample> {
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let readyMs = 0;
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (readyMs === 0 && seen.includes('"msg":"duban is ready"')) {
        readyMs = performance.now() - began;
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready`)));
  });
  // Idle: start-up garbage (config parsing, the catch-up sweep, JIT) takes V8 several seconds to
  // give back; 10 s after ready RSS has settled (it reads ~15 MB higher at 3 s).
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb: rssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const redis: Record<string, string> = process.env.REDIS_URL
  ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `bench-startup-${process.pid}` }
  : {};
const TUNED = ['--max-semi-space-size=2', '--v8-pool-size=1'];
const bare: Sample[] = [];
const duban: Sample[] = [];
const tuned: Sample[] = [];
for (let i = 0; i < runs; i++) {
  bare.push(await start(['-e', BARE], {}));
  duban.push(await start(['dist/main.js'], { CONFIG_DIR: 'config', ...redis }));
  tuned.push(await start([...TUNED, 'dist/main.js'], { CONFIG_DIR: 'config', ...redis }));
}
const row = (name: string, xs: Sample[]) =>
  `| ${name} | ${median(xs.map((x) => x.readyMs)).toFixed(0)} ms | ${median(xs.map((x) => x.rssMb)).toFixed(1)} MB |`;
console.log(`${runs} runs each, medians; store: ${process.env.REDIS_URL ? 'redis' : 'memory'}`);
console.log('| process | start → ready | idle RSS |\n|---|---|---|');
console.log(row('bare node http server (baseline)', bare));
console.log(row('duban (dist/main.js, local mode)', duban));
console.log(row(`duban with ${TUNED.join(' ')} (Dockerfile)`, tuned));
console.log(
  `ratio duban / bare: ready ${(median(duban.map((x) => x.readyMs)) / median(bare.map((x) => x.readyMs))).toFixed(1)}×, RSS ${(median(duban.map((x) => x.rssMb)) / median(bare.map((x) => x.rssMb))).toFixed(1)}×`,
);

if (redis.REDIS_URL) {
  // Leave the shared Redis as we found it.
  const { Redis } = await import('ioredis');
  const client = new Redis(redis.REDIS_URL);
  for (const pattern of [`{${redis.REDIS_PREFIX}:*`, `${redis.REDIS_PREFIX}:*`]) {
    const keys = await client.keys(pattern);
    if (keys.length > 0) await client.unlink(...keys);
  }
  client.disconnect();
}
