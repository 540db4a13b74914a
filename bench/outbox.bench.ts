/**
 * 1,000 replies queued at once to 100 chats, through the real SDK and the outbox, against the Lark
 * stand-in enforcing Lark's limits (50/s and 1000/min per app, 5/s per chat) in real time.
 * Target: drain at ≥ 90% of the allowed 50/s with zero 429s (and zero 230020s) from the stand-in.
 *
 *   npx tsx bench/outbox.bench.ts
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { createLarkStandIn, LARK_MESSAGE_LIMITS } from '../src/emulator/stand-in.js';
import { createLarkClient } from '../src/lark/client.js';
import { createOutbox } from '../src/lark/outbox.js';

const APP_ID = 'cli_0123456789abcdef';
const APP_SECRET = 'bench-secret';
const CHATS = 100;
const REPLIES = 1000;

const chats = Array.from({ length: CHATS }, (_, i) => ({ chatId: `oc_bench_${i}`, name: `群${i}` }));
const standIn = createLarkStandIn({ appId: APP_ID, appSecret: APP_SECRET, chats });
const app = express();
app.use(standIn.router);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const logger = pino({ level: 'warn' });
const client = createLarkClient({ appId: APP_ID, appSecret: APP_SECRET, domain: url, logger });
const outbox = createOutbox({ client, logger });
const questions = chats.map((c) =>
  standIn.controls.addUserMessage({ chatId: c.chatId, senderOpenId: 'ou_someone', text: '进度' }),
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
const { state } = standIn;
const result = {
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
console.log(JSON.stringify(result, null, 2));
const ok =
  result.ratio >= 0.9 && result.http429 === 0 && result.code230020 === 0 && result.recorded === REPLIES;
console.log(ok ? 'PASS: ≥ 90% of the allowed rate, no 429s' : 'FAIL');
server.closeAllConnections();
server.close();
process.exitCode = ok ? 0 : 1;
