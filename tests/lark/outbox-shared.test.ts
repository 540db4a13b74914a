import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { createOutbox, OUTBOX_LIMITS } from '../../src/lark/outbox.js';
import { createStore } from '../../src/store/create-store.js';
import { startStandIn, TEST_APP_ID, TEST_APP_SECRET } from '../helpers/lark-stand-in.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';

const redisUp = await redisForTests('the send budget shared by replicas');
const CHATS = Array.from({ length: 40 }, (_, i) => `oc_share${String(i).padStart(26, '0')}`);
const PER_REPLICA = 80;

/**
 * Two replicas' outboxes against one Lark (the stand-in, enforcing 50/s per app in real time):
 * each alone keeps under the limit, together they do not — unless they share the budget in Redis.
 */
describe.runIf(redisUp)('two outboxes sharing Lark’s send budget', () => {
  const prefix = randomPrefix();
  const admin = testRedis();
  const opened = createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  beforeAll(async () => {
    lark = await startStandIn({ chats: CHATS.map((chatId) => ({ chatId, name: chatId })) });
  });
  afterAll(async () => {
    await lark.close();
    await (await opened).close();
    await deleteKeysUnder(admin, prefix);
    admin.disconnect();
  });

  async function burst(shared: boolean): Promise<number> {
    const before = lark.standIn.state.countCode(99991400);
    const limits = { appPerSecond: OUTBOX_LIMITS.appPerSecond, appPerMinute: 1000, lanePerSecond: 4 };
    const outboxes = [0, 1].map(() =>
      createOutbox({
        client: createLarkClient({
          appId: TEST_APP_ID,
          appSecret: TEST_APP_SECRET,
          domain: lark.url,
          logger: pino({ level: 'silent' }),
        }),
        logger: pino({ level: 'silent' }),
        ...(shared ? { sharedSlot: async (lane: string) => (await opened).sendSlot(lane, limits) } : {}),
      }),
    );
    const sends = outboxes.flatMap((outbox, r) =>
      Array.from({ length: PER_REPLICA }, (_, i) =>
        outbox.send({
          chatId: CHATS[(i + r * 7) % CHATS.length]!,
          msgType: 'text',
          content: { text: `第${r}号副本第${i}条` },
          key: `share:${shared}:${r}:${i}`,
        }),
      ),
    );
    await Promise.all(sends);
    return lark.standIn.state.countCode(99991400) - before;
  }

  it('meets 429s without the shared budget (the test can fail) and none with it', async () => {
    expect(await burst(false)).toBeGreaterThan(0);
    // Let the stand-in's one-second window empty before the second burst.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await burst(true)).toBe(0);
  }, 60_000);
});
