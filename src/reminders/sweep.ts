import type { ChartImage } from '../chart/chart-image.js';
import type { LoadedConfig } from '../config/load-config.js';
import { isQuiet } from '../config/reminders-schema.js';
import type { LocalDate } from '../plan/types.js';
import { addWorkdays, isWorkday } from '../plan/workdays.js';
import { sectionsNotReported } from '../progress/not-reported.js';
import { progressMonthDue } from '../progress/schedule.js';
import { sendProgressRequests } from '../progress/send-requests.js';
import type { ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import type { ClaimSession } from './claims.js';
import { type Composed, compose } from './compose.js';
import {
  claimAll,
  crashPoint,
  DEFAULT_TIMINGS,
  type DeliveryDeps,
  type DeliveryTimings,
  type SendOutcome,
  sendClaimed,
} from './deliver.js';
import { type Delivery, planDeliveries } from './deliveries.js';
import { localDateAt, localTimeAt } from './local-time.js';
import { composeMissed } from './missed.js';
import type { OutgoingReminder } from './outgoing.js';
import { findDue } from './select.js';
import { composeWeekly, weeklyClaimKey, weeklyDigestDue } from './weekly.js';

/** The few logger methods the sweep uses; a pino logger fits. */
export interface ReminderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface SweepDeps extends DeliveryDeps {
  store: PlanStore & ProgressReports;
  config: LoadedConfig;
  logger?: ReminderLogger;
  /**
   * Draws and uploads the weekly digest's progress chart. Called only by the replica holding the
   * week's claim, so the chart is uploaded once a week (again only if the send failed); it never
   * throws, and without it (dry runs) the digest goes out without a chart.
   */
  chart?: ChartImage;
}

export interface SweepOptions {
  /** Stages this many work days back that are still unsent go out too (catch-up). Default 2. */
  graceWorkdays?: number;
  /**
   * Stages older than the grace window, this many work days further back, that were never sent
   * fold into one "missed while offline" card for the main chat. 0 (the default) except at start.
   */
  missedLookbackWorkdays?: number;
  timings?: Partial<DeliveryTimings>;
  /**
   * When claims are held by another owner, look again every HELD_POLL_MS for up to this long
   * (after sending what this sweep claimed): a live holder soon marks them sent; a dead one's
   * liveness lapses within claims.ownerTtlMs and they are claimed and sent here. 0 (the
   * default) answers 'held' at once. The CLI and the scheduler wait claims.ownerTtlMs + 1 s.
   */
  awaitHeldMs?: number;
}

export const DEFAULT_GRACE_WORKDAYS = 2;
/** How often a sweep waiting on held claims asks again. */
export const HELD_POLL_MS = 250;

export interface SweepReport {
  at: string;
  /** The plan-local day of `at`. */
  today: LocalDate;
  /** Why nothing was looked at: quiet hours or a rest day (held until the next allowed sweep). */
  skipped: 'quiet-hours' | 'rest-day' | null;
  /** The stage days covered, ascending. */
  days: LocalDate[];
  /** Deliveries found owed (before claiming). */
  owed: number;
  sent: { messageId: string; message: OutgoingReminder }[];
  /** Deliveries another replica holds a live claim on (it sends them, or its lease runs out). */
  held: number;
  /** Deliveries first found held that this sweep claimed and sent after waiting (a dead holder's). */
  takenOver: number;
  alreadySent: number;
  failed: { key: string; error: string }[];
}

/**
 * One sweep at `now`: what is owed on the covered work days → claim each delivery (under this
 * sweep's owner token) → one card per section (plus escalations, a missed-while-offline card, the
 * weekly digest, the monthly 进展填报 cards) → send → in one atomic step, remember the message for replies and mark its keys
 * sent. Safe to run on every replica at the same instant and to run again, also after a crash:
 * claims make each delivery go out once, a dead sweep's claims lapse with its heartbeat, and a
 * resent message keeps its Lark uuid. Nothing is sent in quiet hours or on a rest day; what is
 * owed then goes out at the next sweep within the grace window.
 */
export async function sweep(now: Date, deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const { config, store } = deps;
  const policy = config.reminders;
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const today = localDateAt(now, policy.timezone);
  const time = localTimeAt(now, policy.timezone);
  const report: SweepReport = {
    at: now.toISOString(),
    today,
    skipped: null,
    days: [],
    owed: 0,
    sent: [],
    held: 0,
    takenOver: 0,
    alreadySent: 0,
    failed: [],
  };
  if (isQuiet(time, policy.quiet_hours)) return { ...report, skipped: 'quiet-hours' };
  if (!isWorkday(today)) return { ...report, skipped: 'rest-day' };

  const grace = options.graceWorkdays ?? DEFAULT_GRACE_WORKDAYS;
  report.days = workdaysBack(today, grace).filter((d) => d < today || time >= policy.send_at);
  const earliestDue = `${config.plan.year}-01-01`;
  const leadershipChat = config.org.chats.leadership !== undefined;
  const current = planDeliveries(await findDue(store, policy, report.days, earliestDue), { leadershipChat });
  let missed: Delivery[] = [];
  const superseded = new Map(current.superseded);
  const lookback = options.missedLookbackWorkdays ?? 0;
  if (lookback > 0) {
    const missedDays = workdaysBack(addWorkdays(today, -(grace + 1)), lookback - 1);
    const older = planDeliveries(await findDue(store, policy, missedDays, earliestDue), {
      leadershipChat: false,
    });
    const remindedNow = new Set(current.deliveries.map((d) => `${d.occurrence.id}|${d.section}`));
    missed = older.deliveries.filter((d) => !remindedNow.has(`${d.occurrence.id}|${d.section}`));
    for (const [key, keys] of older.superseded) superseded.set(key, keys);
  }

  const owed = [...current.deliveries, ...missed];
  report.owed = owed.length;
  const weekly = leadershipChat && weeklyDigestDue(today, time, policy);
  const session = await deps.claims.open();
  const outcomes: SendOutcome[] = [];
  try {
    // Round 0 claims everything owed; later rounds (awaitHeldMs) only what was held.
    let pending = owed;
    let weeklyPending = weekly;
    const rounds = Math.ceil((options.awaitHeldMs ?? 0) / HELD_POLL_MS);
    for (let round = 0; ; round++) {
      const states = await claimAll(
        session,
        pending.map((d) => d.key),
        timings.leaseMs,
      );
      if (round === 0) crashPoint('after-claim');
      const claimed = new Set<string>();
      const held: Delivery[] = [];
      states.forEach((state, i) => {
        if (state === 'claimed') claimed.add(pending[i]!.key);
        else if (state === 'held') held.push(pending[i]!);
        else report.alreadySent++;
      });
      if (round > 0) report.takenOver += claimed.size;
      const mine = (list: Delivery[]) => list.filter((d) => claimed.has(d.key));
      const composed: Composed[] = [
        ...compose(mine(current.deliveries), config, today),
        ...composeMissed(mine(missed), config, today),
      ];
      outcomes.push(
        ...(await Promise.all(
          composed.map(({ message, deliveries }) =>
            sendClaimed(
              message,
              deliveries.map((d) => d.key),
              deliveries.flatMap((d) => superseded.get(d.key) ?? []),
              session,
              deps.send,
              timings,
            ),
          ),
        )),
      );
      let weeklyHeld = false;
      if (weeklyPending) {
        const result = await sendWeekly(now, today, deps, session, timings);
        if (result === 'held') weeklyHeld = true;
        else if (result) outcomes.push(result);
      }
      if ((held.length === 0 && !weeklyHeld) || round >= rounds) {
        report.held = held.length + (weeklyHeld ? 1 : 0);
        break;
      }
      pending = held;
      weeklyPending = weeklyHeld;
      await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
    }
    // The monthly 进展填报 cards (reminders.yaml progress_report); held ones bring a follow-up sweep.
    const month = progressMonthDue(today, time, policy, grace);
    if (month) {
      const requests = await sendProgressRequests(now, today, month, deps, session, timings);
      outcomes.push(...requests.outcomes);
      report.held += requests.held;
    }
  } finally {
    await session.end();
  }
  for (const outcome of outcomes) {
    if (outcome.status === 'sent') {
      report.sent.push({ messageId: outcome.messageId, message: outcome.message });
      if (outcome.leftToOthers.length > 0)
        deps.logger?.warn(
          { key: outcome.message.key, messageId: outcome.messageId, keys: outcome.leftToOthers },
          'reminder sent, but another replica took over some of its claims meanwhile',
        );
    } else {
      report.failed.push({ key: outcome.message.key, error: outcome.error });
      deps.logger?.warn(
        { key: outcome.message.key, error: outcome.error },
        'reminder send failed; will retry',
      );
    }
  }
  deps.logger?.info(
    {
      today,
      days: report.days,
      owed: report.owed,
      sent: report.sent.length,
      held: report.held,
      takenOver: report.takenOver,
    },
    'reminder sweep',
  );
  return report;
}

/** The weekly digest under this session's claim: its outcome, 'held' by another, or null (nothing to do). */
async function sendWeekly(
  now: Date,
  today: LocalDate,
  deps: SweepDeps,
  session: ClaimSession,
  timings: DeliveryTimings,
): Promise<SendOutcome | 'held' | null> {
  const key = weeklyClaimKey(today);
  const state = await session.claim(key, timings.leaseMs);
  if (state !== 'claimed') return state === 'held' ? 'held' : null;
  const progress = await sectionsNotReported(deps.store, deps.config, today);
  const message = await composeWeekly(now, today, deps.store, deps.config, deps.chart, progress);
  if (!message) {
    await session.release(key);
    return null;
  }
  return sendClaimed(message, [key], [], session, deps.send, timings);
}

/** The work days from `n` work days before `day` up to `day` (a work day), ascending. */
export function workdaysBack(day: LocalDate, n: number): LocalDate[] {
  const out = [day];
  for (let i = 1; i <= n; i++) out.unshift(addWorkdays(day, -i));
  return out;
}
