import schedule from 'node-schedule';
import type { LoadedConfig } from '../config/load-config.js';
import type { ReminderPolicy } from '../config/reminders-schema.js';
import { localDateAt } from '../store/local-date.js';
import type { ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import type { ReminderClaims } from './claims.js';
import { DEFAULT_TIMINGS, type DeliveryTimings } from './deliver.js';
import type { SendReminder } from './outgoing.js';
import { DEFAULT_GRACE_WORKDAYS, type ReminderLogger, type SweepReport, sweep } from './sweep.js';

export interface SchedulerDeps {
  store: PlanStore & ProgressReports;
  claims: ReminderClaims;
  send: SendReminder;
  /** The current config; a reload swaps what this returns (and reschedule() picks up its times). */
  config: () => LoadedConfig;
  /** Catches up with a reload made on another replica before each sweep (ConfigSource.refresh). */
  refreshConfig?: () => Promise<void>;
  clock?: () => Date;
  logger?: ReminderLogger;
  /** Catch-up window at start and in every sweep. Default 2 work days. */
  graceWorkdays?: number;
  /** At start, stages this many work days before the grace window fold into one "missed" card. Default 10. */
  missedLookbackWorkdays?: number;
  /**
   * The store held no plan before this start (a first start, or Redis lost everything): the
   * start-up sweep sends only what is due today, not a burst of everything the plan's past owes.
   * `duban sweep --catch-up` sends the rest when someone asks for it.
   */
  firstStart?: boolean;
  timings?: Partial<DeliveryTimings>;
  /** After a sweep fails outright (Redis down), try again this much later. Default 1 minute. */
  retryMs?: number;
}

export interface ReminderScheduler {
  /** The catch-up sweep run at start. */
  started: Promise<SweepReport | null>;
  /** When the daily jobs fire next (for /healthz and tests). */
  nextRuns(): Date[];
  /** Re-reads the times of day and the time zone from config (after "重载配置"). */
  reschedule(): void;
  /** Cancels the jobs and pending follow-ups; waits for a running sweep to finish. */
  stop(): Promise<void>;
}

export const DEFAULT_MISSED_LOOKBACK_WORKDAYS = 10;

/**
 * The reminder jobs of one replica. Every replica runs the same schedule — at send_at and at the
 * weekly digest's time, every day, in the plan's time zone pinned on the rule (a server in UTC
 * still sends at 09:00 Beijing time); the sweep itself skips rest days and quiet hours, and claims
 * make each reminder go out once across replicas. At start one catch-up sweep covers what was
 * missed while down. A sweep that meets claims another replica holds waits a few seconds for them
 * (a dead holder's liveness lapses, a live one marks them sent); if some are still held, or a send
 * failed, a follow-up sweep runs after the lease.
 */
export function startScheduler(deps: SchedulerDeps): ReminderScheduler {
  const clock = deps.clock ?? (() => new Date());
  const timings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const retryMs = deps.retryMs ?? 60_000;
  const followUps = new Set<NodeJS.Timeout>();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const run = (
    missedLookbackWorkdays: number,
    graceWorkdays = deps.graceWorkdays ?? DEFAULT_GRACE_WORKDAYS,
  ) => {
    const next = running.then(async (): Promise<SweepReport | null> => {
      if (stopped) return null;
      try {
        await deps.refreshConfig?.().catch(() => undefined);
        const past = pastPlanYear(deps.config(), clock());
        if (past) {
          deps.logger?.info({ planYear: past }, `plan-${past} is for a past year: no reminders are sent`);
          return null;
        }
        const report = await sweep(
          clock(),
          {
            store: deps.store,
            claims: deps.claims,
            send: deps.send,
            config: deps.config(),
            logger: deps.logger,
          },
          {
            graceWorkdays,
            missedLookbackWorkdays,
            timings,
            // A replica that died holding claims (this one before a restart, say) stops beating:
            // wait out its liveness and send them now rather than after the lease.
            awaitHeldMs: deps.claims.ownerTtlMs + 1_000,
          },
        );
        if (report.held > 0 || report.failed.length > 0) followUp(timings.leaseMs + 5_000);
        return report;
      } catch (error) {
        deps.logger?.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'reminder sweep failed',
        );
        followUp(retryMs);
        return null;
      }
    });
    running = next;
    return next;
  };

  const followUp = (afterMs: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      followUps.delete(timer);
      void run(0);
    }, afterMs);
    timer.unref();
    followUps.add(timer);
  };

  const scheduleDaily = () =>
    dailyTimes(deps.config().reminders).map((time) =>
      schedule.scheduleJob(dailyRule(time, deps.config().reminders.timezone), () => {
        void run(0);
      }),
    );
  let jobs = scheduleDaily();
  const started = deps.firstStart
    ? run(0, 0)
    : run(deps.missedLookbackWorkdays ?? DEFAULT_MISSED_LOOKBACK_WORKDAYS);

  return {
    started,
    nextRuns: () => jobs.flatMap((job) => job.nextInvocation() ?? []),
    reschedule() {
      if (stopped) return;
      for (const job of jobs) job.cancel();
      jobs = scheduleDaily();
    },
    async stop() {
      stopped = true;
      for (const job of jobs) job.cancel();
      for (const timer of followUps) clearTimeout(timer);
      followUps.clear();
      await running;
    },
  };
}

/**
 * The plan's year when it is over in the plan's time zone (a 2023 plan in 2026), else undefined:
 * reminders for a finished year would only be a burst of red cards for work long settled.
 */
export function pastPlanYear(config: LoadedConfig, at: Date): number | undefined {
  const year = Number(localDateAt(at, config.reminders.timezone).slice(0, 4));
  return config.plan.year < year ? config.plan.year : undefined;
}

/** The times of day a sweep runs: send_at, and the weekly digest's and 进展填报's times when they differ. */
export function dailyTimes(policy: ReminderPolicy): string[] {
  const progress = policy.progress_report ? [policy.progress_report.at] : [];
  return [...new Set([policy.send_at, policy.weekly_digest.at, ...progress])];
}

/** Every day at `time` (HH:MM) in `timeZone`: the zone is pinned on the rule, not the server's. */
export function dailyRule(time: string, timeZone: string): schedule.RecurrenceRule {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const rule = new schedule.RecurrenceRule();
  rule.hour = hour;
  rule.minute = minute;
  rule.second = 0;
  rule.tz = timeZone;
  return rule;
}
