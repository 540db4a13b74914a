import { planSyncOf } from '../../src/app/plan-sync.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import type { LocalDate } from '../../src/plan/types.js';
import type { ReminderClaims } from '../../src/reminders/claims.js';
import { instantOf } from '../../src/reminders/local-time.js';
import { type SweepDeps, type SweepOptions, type SweepReport, sweep } from '../../src/reminders/sweep.js';
import type { Store, StoreOptions } from '../../src/store/store.js';
import { CONFIG_DIR } from './bot-harness.js';
import { type FakeReminderSender, fakeReminderSender } from './fake-reminder-sender.js';

/** One replica's view of shared state: its own store client and claims over the same data. */
export interface ReminderReplica {
  store: Store;
  claims: ReminderClaims;
}

/** Where reminder state lives in a test: in memory, or a real Redis under a random prefix. */
export interface ReminderBackend {
  name: string;
  /** A fresh namespace; `replica()` opens another client onto it. */
  open(
    options: StoreOptions,
  ): Promise<ReminderReplica & { replica(): Promise<ReminderReplica>; cleanup(): Promise<void> }>;
}

/** The sweep over the real config/ and a synced store, with a clock the test moves and a fake outbox. */
export interface ReminderHarness extends ReminderReplica {
  config: LoadedConfig;
  sender: FakeReminderSender;
  setNow(at: Date | string): void;
  now(): Date;
  deps(replica?: ReminderReplica, sender?: FakeReminderSender): SweepDeps;
  /** One sweep at `day` `time` (plan time zone) on this replica. */
  sweepOn(day: LocalDate, time?: string, options?: SweepOptions): Promise<SweepReport>;
  replica(): Promise<ReminderReplica>;
  cleanup(): Promise<void>;
}

export async function reminderHarness(
  backend: ReminderBackend,
  start = '2023-01-01T01:00:00Z',
): Promise<ReminderHarness> {
  const config = await loadConfig(CONFIG_DIR);
  let now = new Date(start);
  const clock = () => now;
  const opened = await backend.open({ year: config.plan.year, clock, timeZone: config.reminders.timezone });
  await opened.store.syncPlan(planSyncOf(config, 'test'));
  const sender = fakeReminderSender();
  const harness: ReminderHarness = {
    config,
    store: opened.store,
    claims: opened.claims,
    sender,
    setNow(at) {
      now = typeof at === 'string' ? new Date(at) : at;
    },
    now: clock,
    deps: (replica = opened, s = sender) => ({
      store: replica.store,
      claims: replica.claims,
      send: s.send,
      config,
    }),
    async sweepOn(day, time = config.reminders.send_at, options) {
      now = instantOf(day, time, config.reminders.timezone);
      return sweep(now, harness.deps(), options);
    },
    replica: () => opened.replica(),
    cleanup: () => opened.cleanup(),
  };
  return harness;
}

/** Every calendar day from `from` to `to`, inclusive. */
export function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
