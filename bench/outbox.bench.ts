/**
 * The outbox in real time, through the real SDK, against the Lark stand-in enforcing Lark's limits
 * (50/s and 1000/min per app, 5/s per chat) on the wall clock. The tests check the same rules on a
 * virtual clock; what only real time shows — network jitter between the outbox's pacing and the
 * gateway's windows — is measured here.
 *
 * 1. drain: 1,000 replies queued at once to 100 chats. Target: ≥ 90% of the allowed 50/s, zero
 *    429s and zero 230020s.
 * 2. fallback: the same with a `sharedSlot` that always throws (Redis down): every reply still
 *    goes, paced by the outbox's own limiters, same targets.
 * 3. shared (only with REDIS_URL): two replicas' outboxes, 80 messages each at once, first alone
 *    (they meet 429s: the bench can tell), then sharing the budget through Redis's sendSlot
 *    (target: zero 429s).
 *
 *   npx tsx bench/outbox.bench.ts
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/outbox.bench.ts
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createLarkStandIn, LARK_MESSAGE_LIMITS } from '../src/emulator/stand-in.js';
import { createLarkClient } from '../src/lark/client.js';
import { createOutbox, OUTBOX_LIMITS } from '../src/lark/outbox.js';
import { createStore } from '../src/store/create-store.js';
import { keyPatterns } from '../src/store/redis/keys.js';

const APP_ID = 'cli_0123456789abcdef';
const APP_SECRET = 'bench-secret';
const CHATS = 100;
const REPLIES = 1000;
const PER_REPLICA = 80;
const logger = pino({ level: 'warn' });
const quiet = pino({ level: 'silent' });

/** A fresh stand-in on a random port (fresh windows for each run). */
async function larkStandIn() {
  const chats = Array.from({ length: CHATS }, (_, i) => ({ chatId: `oc_bench_${i}`, name: `群${i}` }));
  const standIn = createLarkStandIn({ appId: APP_ID, appSecret: APP_SECRET, chats });
  const app = express();
  app.use(standIn.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { standIn, chats, url, close };
}

async function drain(label: string, sharedSlot?: (lane: string) => Promise<number>) {
  const lark = await larkStandIn();
  const client = createLarkClient({ appId: APP_ID, appSecret: APP_SECRET, domain: lark.url, logger });
  const outbox = createOutbox({ client, logger: quiet, ...(sharedSlot ? { sharedSlot } : {}) });
  const questions = lark.chats.map((c) =>
    lark.standIn.controls.addUserMessage({ chatId: c.chatId, senderOpenId: 'ou_someone', text: '进度' }),
  );
  // Fetch the tenant token first so the timed run measures sending only.
  await client.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });

  const started = performance.now();
  const replies = Array.from({ length: REPLIES }, (_, i) => {
    const question = questions[i % CHATS]!;
    return outbox.reply({
      messageId: question.messageId,
      chatId: question.chatId,
      msgType: 'text',
      content: { text: `回复 ${i}` },
      key: `bench:${i}`,
    });
  });
  await Promise.all(replies);
  const elapsedS = (performance.now() - started) / 1000;
  const allowed = LARK_MESSAGE_LIMITS.appPerSecond;
  const achieved = REPLIES / elapsedS;
  const { state } = lark.standIn;
  const result = {
    run: label,
    replies: REPLIES,
    chats: CHATS,
    recorded: state.messages.length,
    elapsedSeconds: Number(elapsedS.toFixed(2)),
    achievedPerSecond: Number(achieved.toFixed(1)),
    allowedPerSecond: allowed,
    ratio: Number((achieved / allowed).toFixed(3)),
    http429: state.countStatus(429),
    code230020: state.countCode(230020),
    counters: outbox.counters(),
  };
  lark.close();
  const ok =
    result.ratio >= 0.9 && result.http429 === 0 && result.code230020 === 0 && result.recorded === REPLIES;
  return { result, ok };
}

async function shared(redisUrl: string) {
  const prefix = `bench-outbox-${randomBytes(4).toString('hex')}`;
  const store = await createStore({ redisUrl, prefix, year: 2023 });
  const limits = { appPerSecond: OUTBOX_LIMITS.appPerSecond, appPerMinute: 1000, lanePerSecond: 4 };
  const burst = async (share: boolean) => {
    const lark = await larkStandIn();
    const outboxes = [0, 1].map(() =>
      createOutbox({
        client: createLarkClient({ appId: APP_ID, appSecret: APP_SECRET, domain: lark.url, logger: quiet }),
        logger: quiet,
        ...(share ? { sharedSlot: (lane: string) => store.sendSlot(lane, limits) } : {}),
      }),
    );
    const started = performance.now();
    const sends = outboxes.flatMap((outbox, r) =>
      Array.from({ length: PER_REPLICA }, (_, i) =>
        outbox.send({
          chatId: lark.chats[(i + r * 7) % CHATS]!.chatId,
          msgType: 'text',
          content: { text: `第${r}号副本第${i}条` },
          key: `share:${share}:${r}:${i}`,
        }),
      ),
    );
    const settled = await Promise.allSettled(sends);
    const elapsedS = (performance.now() - started) / 1000;
    const { state } = lark.standIn;
    lark.close();
    return {
      run: share ? 'two replicas sharing the budget in Redis' : 'two replicas, each alone',
      messages: 2 * PER_REPLICA,
      delivered: settled.filter((s) => s.status === 'fulfilled').length,
      elapsedSeconds: Number(elapsedS.toFixed(2)),
      http429: state.countStatus(429),
      code230020: state.countCode(230020),
    };
  };
  const alone = await burst(false);
  const together = await burst(true);
  await store.close();
  const redis = new Redis(redisUrl);
  for (const pattern of keyPatterns(prefix)) {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.unlink(...keys);
  }
  redis.disconnect();
  return {
    results: [alone, together],
    ok: alone.http429 > 0 && together.http429 === 0 && together.delivered === together.messages,
  };
}

const outcomes: boolean[] = [];
const plain = await drain('drain');
console.log(JSON.stringify(plain.result, null, 2));
outcomes.push(plain.ok);
const fallback = await drain('drain, sharedSlot throwing (Redis down)', async () => {
  throw new Error('Connection is closed.');
});
console.log(JSON.stringify(fallback.result, null, 2));
outcomes.push(fallback.ok);
if (process.env.REDIS_URL) {
  const budget = await shared(process.env.REDIS_URL);
  for (const r of budget.results) console.log(JSON.stringify(r, null, 2));
  outcomes.push(budget.ok);
} else {
  console.log('shared budget: skipped (set REDIS_URL)');
}
const ok = outcomes.every(Boolean);
console.log(ok ? 'PASS: ≥ 90% of the allowed rate, no 429s (with and without the shared budget)' : 'FAIL');
process.exitCode = ok ? 0 : 1;
