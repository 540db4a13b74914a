import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { createOutbox, OUTBOX_LIMITS, type Outbox } from '../../src/lark/outbox.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { silentLogger } from '../helpers/lark-log.js';
import { type RunningStandIn, startStandIn, TEST_APP_ID, TEST_APP_SECRET } from '../helpers/lark-stand-in.js';
import { deleteKeysUnder, randomPrefix, redisForTests, TEST_REDIS_URL, testRedis } from '../helpers/redis.js';
import { VirtualTime } from './virtual-time.js';

const redisUp = await redisForTests('the send budget shared by replicas');
const CHATS = Array.from({ length: 40 }, (_, i) => `oc_share${String(i).padStart(26, '0')}`);
const PER_REPLICA = 80;

/**
 * Two replicas' outboxes against one Lark (the stand-in, enforcing 50/s per app) and one Redis,
 * all on one virtual clock: the stand-in's windows, the Redis scripts' windows and the outboxes'
 * pacing read the same time, and a request takes none of it. Each replica alone keeps under the
 * limit; together they do not — unless they share the budget in Redis. (The same in real time,
 * network jitter included, is in bench/outbox.bench.ts.)
 */
describe.runIf(redisUp)('two outboxes sharing Lark’s send budget', () => {
  const prefix = randomPrefix();
  const admin = testRedis();
  const time = new VirtualTime();
  let store: Store;
  let lark: RunningStandIn;
  beforeAll(async () => {
    store = await createStore({
      redisUrl: TEST_REDIS_URL,
      prefix,
      year: 2023,
      clock: () => new Date(time.now()),
    });
    lark = await startStandIn({ now: time.now, chats: CHATS.map((chatId) => ({ chatId, name: chatId })) });
  });
  afterAll(async () => {
    await lark.close();
    await store.close();
    await deleteKeysUnder(admin, prefix);
    admin.disconnect();
  });

  const shared = { appPerSecond: OUTBOX_LIMITS.appPerSecond, appPerMinute: 1000, lanePerSecond: 4 };

  function replicas(share: boolean): Outbox[] {
    return [0, 1].map(() => {
      const outbox = createOutbox({
        client: createLarkClient({
          appId: TEST_APP_ID,
          appSecret: TEST_APP_SECRET,
          domain: lark.url,
          logger: silentLogger,
        }),
        logger: silentLogger,
        clock: time,
        random: () => 0.5,
        ...(share ? { sharedSlot: (lane: string) => store.sendSlot(lane, shared) } : {}),
      });
      time.watch(() => outbox.inFlight() > 0);
      return outbox;
    });
  }

  /** 80 messages from each replica at once; the stand-in's answers to them, by send time. */
  async function burst(share: boolean) {
    const from = lark.standIn.state.responses.length;
    const started = time.now();
    const sends = replicas(share).flatMap((outbox, r) =>
      Array.from({ length: PER_REPLICA }, (_, i) =>
        outbox.send({
          chatId: CHATS[(i + r * 7) % CHATS.length]!,
          msgType: 'text',
          content: { text: `第${r}号副本第${i}条` },
          key: `share:${share}:${r}:${i}`,
        }),
      ),
    );
    const results = await time.run(Promise.allSettled(sends));
    const answers = lark.standIn.state.responses
      .slice(from)
      .filter((x) => x.path === '/open-apis/im/v1/messages');
    return { results, answers, started };
  }

  it('meets 429s without the shared budget (the test can fail) and none with it', async () => {
    const alone = await burst(false);
    expect(alone.answers.filter((a) => a.code === 99991400).length).toBeGreaterThan(0);

    // Let the stand-in's and Redis's one-second windows empty (virtual time).
    time.advance(2000);
    const together = await burst(true);
    expect(together.results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(together.answers.filter((a) => a.code !== 0)).toEqual([]);
    expect(together.answers).toHaveLength(2 * PER_REPLICA);
    // The two replicas together never put more than 47 sends in any one-second window.
    const times = together.answers.map((a) => a.at);
    for (const at of times)
      expect(times.filter((t) => t > at - 1000 && t <= at).length).toBeLessThanOrEqual(47);
  }, 60_000);
});
