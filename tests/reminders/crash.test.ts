import { afterEach, describe, expect, it } from 'vitest';
import { planSyncOf } from '../../src/app/plan-sync.js';
import { loadConfig } from '../../src/config/load-config.js';
import { messageUuid } from '../../src/lark/outbox/message-uuid.js';
import type { CrashPoint } from '../../src/reminders/deliver.js';
import { createStore } from '../../src/store/create-store.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { runDuban } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';
import { larkVars, startStandIn } from '../helpers/server-harness.js';
import { runCliProcess } from '../helpers/spawn-duban.js';

const redisUp = await redisForTests('sweeps killed mid-way');
/** A Monday: section cards, escalations and the weekly digest all go out at this sweep. */
const AT = '2023-09-25T09:00:00+08:00';

interface SweepJson {
  owed: number;
  held: number;
  takenOver: number;
  alreadySent: number;
  failed: unknown[];
  messages: { key: string; messageId: string; occurrenceIds: string[] }[];
}

/**
 * `duban sweep` as a real process, killed (SIGKILL, DUBAN_TEST_CRASH_AT) after its claims, after
 * a send returned but before its marks, or after a message's marks; then run again at once, as an
 * operator or a restarted replica would. Real Redis, the Lark stand-in on its own port, the same
 * `--at` for both runs (so the lease's deadline never passes: only the dead process's lapsed
 * liveness lets the rerun send).
 */
describe.runIf(redisUp)('a sweep killed mid-way, then run again', () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
  });

  const points: CrashPoint[] = ['after-claim', 'after-send', 'after-mark'];
  it.each(points)(
    'killed %s: every reminder reaches Lark exactly once, each with its reply mapping',
    async (point) => {
      const config = await loadConfig(CONFIG_DIR);
      const { org } = config;
      const lark = await startStandIn([
        org.chats.main,
        org.chats.leadership!,
        ...org.sections.flatMap((s) => (s.chat_id ? [s.chat_id] : [])),
      ]);
      const prefix = randomPrefix();
      cleanup.push(
        () => lark.close(),
        () => cleanUpPrefix(prefix),
      );
      const redis = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, CONFIG_DIR };
      const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: config.plan.year });
      cleanup.push(() => store.close());
      await store.syncPlan(planSyncOf(config, 'test'));

      // What one clean sweep sends (a dry run: claims nothing).
      const dry = JSON.parse((await runDuban(['sweep', '--at', AT, '--json'], redis)).out) as SweepJson;
      expect(dry.messages.length).toBeGreaterThan(5);
      const expected = new Map(dry.messages.map((m) => [messageUuid(m.key), m]));
      expect(expected.size).toBe(dry.messages.length);

      const sweepArgs = ['sweep', '--at', AT, '--json'];
      const env = { ...redis, ...larkVars(lark.url) };
      const killed = await runCliProcess(sweepArgs, { ...env, DUBAN_TEST_CRASH_AT: point });
      expect(killed.signal, killed.err).toBe('SIGKILL');
      const beforeRerun = new Set(lark.standIn.state.messages.map((m) => m.messageId));
      if (point === 'after-claim') expect(beforeRerun.size).toBe(0);
      else expect(beforeRerun.size).toBeGreaterThan(0);

      // At once, same instant: the dead sweep's leases still have 10 minutes by the store clock.
      const rerun = await runCliProcess(sweepArgs, env);
      expect(rerun.code, rerun.err).toBe(0);
      const report = JSON.parse(rerun.out) as SweepJson;
      // Nothing left "held by another replica": the dead sweep's leases were free to take, whether
      // its liveness lapsed while this run waited (takenOver) or before it started (a slow machine).
      expect(report.held).toBe(0);
      expect(report.failed).toEqual([]);
      const resent = report.messages.filter((m) => beforeRerun.has(m.messageId));
      if (point === 'after-send')
        // The dead sweep's first message reached Lark unrecorded: sent again under the same uuid,
        // Lark answered with the message it already had, and the rerun recorded that one.
        expect(resent.length).toBeGreaterThan(0);
      if (point === 'after-mark')
        // Its first message was recorded: the rerun does not send it again.
        expect(resent.length).toBeLessThan(beforeRerun.size);

      // Lark holds each reminder exactly once: the uuids a clean sweep would use, none twice.
      const uuids = lark.standIn.state.messages.map((m) => m.uuid);
      expect(uuids.length).toBe(new Set(uuids).size);
      expect(new Set(uuids)).toEqual(new Set(expected.keys()));
      // And a reply to any of them confirms what it was about.
      for (const message of lark.standIn.state.messages) {
        const composed = expected.get(message.uuid!)!;
        expect(await store.occurrencesForMessage(message.messageId), composed.key).toEqual([
          ...new Set(composed.occurrenceIds),
        ]);
      }

      const third = JSON.parse((await runCliProcess(sweepArgs, env)).out) as SweepJson;
      expect(third.messages).toEqual([]);
      expect(third.held).toBe(0);
      expect(third.alreadySent).toBe(third.owed);
      expect(lark.standIn.state.messages.length).toBe(expected.size);
    },
    60_000,
  );
});
