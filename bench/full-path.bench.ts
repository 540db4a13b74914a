/**
 * The full path at a steady 200 events/s: a signed, encrypted `im.message.receive_v1` posted to
 * duban's /lark/events → verify, decrypt, dedupe, ack → bot (search, card) → outbox → the Lark
 * stand-in records the reply. Latency is from the POST leaving this process to the stand-in
 * recording the reply. Baseline in the same run: the POST's own round trip (the ack), so the
 * ratio shows what answering costs on top of receiving.
 *
 * Lark allows an app 50 sends/s, so at 200/s the stand-in's and the outbox's limits are raised
 * for this bench only (a real tenant would queue the replies; the outbox bench measures that).
 *
 *   npx tsx bench/full-path.bench.ts [seconds, default 10] [rate, default 200]
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/full-path.bench.ts   # store and dedupe in Redis
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { startServer } from '../src/app/server.js';
import { readEnv } from '../src/config/env.js';
import { messageReceiveEvent } from '../src/emulator/events.js';
import { sealEvent } from '../src/emulator/sign-event.js';
import { createLarkStandIn } from '../src/emulator/stand-in.js';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 200);
const APP_ID = 'cli_00000000000bench';
const SECRET = 'bench-secret';
const ENCRYPT_KEY = 'bench-encrypt-key';
const TOKEN = 'bench-token';
const CHATS = Array.from({ length: 50 }, (_, i) => `oc_bench${String(i).padStart(24, '0')}`);
const QUESTIONS = [
  '政金企 谁牵头',
  '8.4',
  '预决算公开 谁负责',
  '进度',
  '本周到期',
  '预算科的任务',
  '代理记账',
  '我是谁',
];
const ASKER = 'ou_83e887aa728999208b13e2b0958ee08a'; // 预算科 head in config/org.yaml

const standIn = createLarkStandIn({
  appId: APP_ID,
  appSecret: SECRET,
  limits: { appPerSecond: 100_000, appPerMinute: 1_000_000, chatPerSecond: 100_000 },
  chats: CHATS.map((chatId) => ({ chatId, name: chatId })),
});
const larkApp = express().use(standIn.router);
const larkServer = await new Promise<Server>((resolve) => {
  const s = larkApp.listen(0, '127.0.0.1', () => resolve(s));
});
const larkUrl = `http://127.0.0.1:${(larkServer.address() as { port: number }).port}`;
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const duban = await startServer({
  env: readEnv({
    PORT: '0',
    CONFIG_DIR: 'config',
    LOG_LEVEL: process.env.BENCH_LOG ?? 'silent',
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: SECRET,
    LARK_DOMAIN: larkUrl,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: TOKEN,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: prefix } : {}),
  }),
  logger: pino({ level: process.env.BENCH_LOG ?? 'silent' }),
  reminders: false,
  outboxLimits: {
    appPerSecond: 100_000,
    appBurst: 1000,
    appPerMinute: 1_000_000,
    lanePerSecond: 100_000,
    laneBurst: 1000,
  },
});

const sentAt = new Map<string, number>();
const endToEnd: number[] = [];
const acks: number[] = [];
standIn.state.on('message', (m: { parentId?: string }) => {
  const start = m.parentId ? sentAt.get(m.parentId) : undefined;
  if (start !== undefined) endToEnd.push(performance.now() - start);
});

async function fire(i: number): Promise<void> {
  const chatId = CHATS[i % CHATS.length]!;
  const text = QUESTIONS[i % QUESTIONS.length]!;
  const message = standIn.controls.addUserMessage({ chatId, senderOpenId: ASKER, text });
  const sealed = sealEvent(
    messageReceiveEvent({
      appId: APP_ID,
      token: TOKEN,
      messageId: message.messageId,
      chatId,
      senderOpenId: ASKER,
      // In groups duban answers only messages that @ it, as Lark delivers them.
      text: `@_user_1 ${text}`,
      mentions: [{ openId: standIn.botOpenId, name: '督办' }],
    }),
    { encryptKey: ENCRYPT_KEY },
  );
  const start = performance.now();
  sentAt.set(message.messageId, start);
  const res = await fetch(`${duban.url}/lark/events`, {
    method: 'POST',
    headers: sealed.headers,
    body: sealed.body,
  });
  await res.arrayBuffer();
  acks.push(performance.now() - start);
}

// Warm-up: JIT, token, first card renders.
await Promise.all(Array.from({ length: 100 }, (_, i) => fire(i)));
await waitFor(() => endToEnd.length >= 100);
endToEnd.length = 0;
acks.length = 0;

const total = seconds * rate;
const began = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = began + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inFlight.push(fire(1000 + i));
}
await Promise.all(inFlight);
await waitFor(() => endToEnd.length >= total);
const elapsed = (performance.now() - began) / 1000;

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const row = (name: string, xs: number[]) =>
  `| ${name} | ${p(xs, 0.5).toFixed(2)} ms | ${p(xs, 0.99).toFixed(2)} ms |`;
console.log(
  `store: ${process.env.REDIS_URL ? 'redis' : 'memory'}; ${total} events at ${rate}/s offered, ${(total / elapsed).toFixed(0)}/s achieved over ${elapsed.toFixed(1)} s`,
);
console.log('| path | p50 | p99 |\n|---|---|---|');
console.log(row('ack (POST round trip, baseline)', acks));
console.log(row('event in → reply recorded', endToEnd));
console.log(
  `ratio end-to-end / ack: p50 ${(p(endToEnd, 0.5) / p(acks, 0.5)).toFixed(2)}, p99 ${(p(endToEnd, 0.99) / p(acks, 0.99)).toFixed(2)}`,
);

await duban.close(2000);
larkServer.close();
if (process.env.REDIS_URL) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL);
  const keys = [...(await redis.keys(`{${prefix}:*`)), ...(await redis.keys(`${prefix}:*`))];
  if (keys.length > 0) await redis.unlink(...keys);
  redis.disconnect();
}

async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${endToEnd.length} replies recorded`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
