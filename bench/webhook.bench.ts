/**
 * Throughput of duban's POST /lark/events against a bare `lark.adaptExpress` echo with the same
 * SDK, both fed encrypted, signed `im.message.receive_v1` events with distinct event ids (so
 * duban's dedupe claims every one), measured with autocannon in the same run. Each server runs in
 * its own child process; this process only generates load. Target: duban ≥ 90% of the echo.
 *
 *   npx tsx bench/webhook.bench.ts [seconds per run, default 8] [pairs, default 5]
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/webhook.bench.ts   # claims in Redis
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import autocannon from 'autocannon';
import express from 'express';
import { pino } from 'pino';
import { messageReceiveEvent } from '../src/emulator/events.js';
import { sealEvent } from '../src/emulator/sign-event.js';
import { larkEventsRouter } from '../src/http/lark-events.js';
import { type ClaimOnce, createEventDispatcher } from '../src/lark/inbound/dispatcher.js';
import { createStore } from '../src/store/create-store.js';

const ENCRYPT_KEY = 'bench-encrypt-key';
const TOKEN = 'bench-verification-token';
const BOT = 'ou_bench_bot';

type Mode = 'duban' | 'echo';

/** Child: serve one of the two apps on a random port and report it. */
async function serve(mode: Mode): Promise<void> {
  const app = express();
  if (mode === 'duban') {
    const claimOnce = await benchClaims();
    const dispatcher = createEventDispatcher({
      botOpenId: BOT,
      claimOnce,
      // Short-lived claims: the bench's keys leave Redis a minute after the run.
      dedupeTtlMs: 60_000,
      onMessage: async () => {},
      onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
      logger: pino({ level: 'warn' }),
    });
    app.use(
      larkEventsRouter({
        dispatcher,
        encryptKey: ENCRYPT_KEY,
        verificationToken: TOKEN,
        logger: pino({ level: 'error' }),
      }),
    );
  } else {
    const dispatcher = new lark.EventDispatcher({
      encryptKey: ENCRYPT_KEY,
      verificationToken: TOKEN,
      loggerLevel: lark.LoggerLevel.error,
    }).register({ 'im.message.receive_v1': async () => 'ok' });
    app.post('/lark/events', lark.adaptExpress(dispatcher, { autoChallenge: true }));
  }
  // Exit cleanly when told, so `--cpu-prof` (BENCH_CPU_PROF=1) can write its profile.
  process.once('SIGTERM', () => process.exit(0));
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
}

/** The store's claimOnce: in Redis when REDIS_URL is set (a prefix of its own), else in memory. */
async function benchClaims(): Promise<ClaimOnce> {
  if (!process.env.REDIS_URL) {
    const claimed = new Set<string>();
    return async (key) => {
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    };
  }
  const store = await createStore({
    redisUrl: process.env.REDIS_URL,
    prefix: `duban-bench-${process.pid}`,
    year: 2023,
  });
  return (key, ttlMs) => store.claimOnce(key, ttlMs);
}

function start(mode: Mode): Promise<{ child: ChildProcess; url: string }> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/duban-bench-prof'] : [];
  const child = fork(new URL(import.meta.url).pathname, ['serve', mode], {
    execArgv: ['--import', 'tsx', ...profile],
  });
  return new Promise((resolve) => {
    child.once('message', (message) => {
      resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}/lark/events` });
    });
  });
}

let sequence = 0;
function freshEvent(): autocannon.Request {
  sequence += 1;
  const sealed = sealEvent(
    messageReceiveEvent({
      appId: 'cli_0123456789abcdef',
      token: TOKEN,
      eventId: `bench_${process.pid}_${sequence}`,
      messageId: `om_bench_${process.pid}_${sequence}`,
      chatId: 'oc_bench',
      senderOpenId: 'ou_someone',
      text: '@_user_1 政金企 谁牵头',
      mentions: [{ openId: BOT, name: 'duban' }],
    }),
    { encryptKey: ENCRYPT_KEY },
  );
  return { method: 'POST', path: '/lark/events', headers: sealed.headers, body: sealed.body };
}

/**
 * Load for `seconds` from a pool of distinct events sealed before the clock starts: sealing inside
 * the load generator would make it, not the server, the bottleneck on a small machine. (A run
 * with `amount` instead of a duration only ends on whole seconds, which skews short runs.)
 */
async function measure(url: string, seconds: number, poolSize: number) {
  const pool = Array.from({ length: poolSize }, freshEvent);
  let next = 0;
  const result = await autocannon({
    url,
    connections: 32,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...pool[next++ % pool.length] }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    /** True if the pool ran out and events repeated (duban then answers them as duplicates). */
    poolWrapped: next > pool.length,
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 8);
  const rounds = Number(process.argv[3] ?? 5);
  // Enough distinct events for 12k req/s; the pool is rebuilt for every run.
  const poolSize = seconds * 12_000;
  const duban = await start('duban');
  const echo = await start('echo');
  try {
    await measure(duban.url, 2, 24_000);
    await measure(echo.url, 2, 24_000);
    // Pairs measured back to back, alternating which goes first, so drift in the machine's load
    // hits both alike; the median of the per-pair ratios is the figure.
    const pairs: Array<{
      echo: Awaited<ReturnType<typeof measure>>;
      duban: Awaited<ReturnType<typeof measure>>;
      ratio: number;
    }> = [];
    for (let i = 0; i < rounds; i++) {
      const first =
        i % 2 === 0
          ? await measure(echo.url, seconds, poolSize)
          : await measure(duban.url, seconds, poolSize);
      const second =
        i % 2 === 0
          ? await measure(duban.url, seconds, poolSize)
          : await measure(echo.url, seconds, poolSize);
      const [e, d] = i % 2 === 0 ? [first, second] : [second, first];
      pairs.push({
        echo: e,
        duban: d,
        ratio: Number((d.requestsPerSecond / e.requestsPerSecond).toFixed(3)),
      });
    }
    const ratios = pairs.map((p) => p.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    const clean = pairs.every(
      (p) => p.duban.non2xx === 0 && p.duban.errors === 0 && p.echo.non2xx === 0 && !p.duban.poolWrapped,
    );
    console.log(
      JSON.stringify({ seconds, claims: process.env.REDIS_URL ? 'redis' : 'memory', pairs }, null, 2),
    );
    const pass = median >= 0.9 && clean;
    console.log(
      `median ratio duban/echo ${median.toFixed(3)} over ${rounds} pairs ${pass ? 'PASS' : 'FAIL'} (target ≥ 0.90)`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    duban.child.kill();
    echo.child.kill();
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3] as Mode);
else await main();
