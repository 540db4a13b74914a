import type { ClaimSession, ClaimState, ReminderClaims } from './claims.js';
import type { OutgoingReminder, SendReminder } from './outgoing.js';

/** How long things last; the defaults suit a daily 09:00 sweep. */
export interface DeliveryTimings {
  /** A claim's lease: longer than a send may take in the outbox queue, far shorter than a day. */
  leaseMs: number;
  /** How long a "sent" mark lasts: longer than any window a sweep looks back over. */
  sentTtlMs: number;
  /** How long a reply to a reminder can confirm it: Lark's cards stay interactive for 14 days. */
  messageTtlMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_TIMINGS: DeliveryTimings = {
  leaseMs: 10 * MINUTE,
  sentTtlMs: 90 * DAY,
  messageTtlMs: 30 * DAY,
};

export interface DeliveryDeps {
  claims: ReminderClaims;
  send: SendReminder;
}

export type SendOutcome =
  | { status: 'sent'; message: OutgoingReminder; messageId: string; leftToOthers: string[] }
  | { status: 'failed'; message: OutgoingReminder; error: string };

/** Claims every key at once (replies pipeline on one connection); the state of each, in order. */
export async function claimAll(
  session: ClaimSession,
  keys: string[],
  leaseMs: number,
): Promise<ClaimState[]> {
  return Promise.all(keys.map((key) => session.claim(key, leaseMs)));
}

/**
 * Sends one composed message whose claims this session holds. Once Lark answers with a message id,
 * ONE atomic step records what it was about (so a reply confirms it) and marks its keys sent —
 * `alsoSent` too (superseded stages): killed before it, a rerun sends the same message again
 * under the same uuid (Lark drops it); killed after it, nothing is owed and replies work. On a
 * failed send the claims are released so the next sweep tries again.
 */
export async function sendClaimed(
  message: OutgoingReminder,
  claimed: string[],
  alsoSent: string[],
  session: ClaimSession,
  send: SendReminder,
  timings: DeliveryTimings,
): Promise<SendOutcome> {
  let messageId: string;
  try {
    ({ messageId } = await send(message));
  } catch (error) {
    await Promise.all(claimed.map((key) => session.release(key)));
    return { status: 'failed', message, error: error instanceof Error ? error.message : String(error) };
  }
  crashPoint('after-send');
  const leftToOthers = await session.recordSent({
    messageId,
    occurrenceIds: [...new Set(message.occurrenceIds)],
    keys: [...new Set([...claimed, ...alsoSent])],
    sentTtlMs: timings.sentTtlMs,
    messageTtlMs: timings.messageTtlMs,
  });
  crashPoint('after-mark');
  return { status: 'sent', message, messageId, leftToOthers };
}

/** Where DUBAN_TEST_CRASH_AT can kill the process mid-sweep. */
export type CrashPoint = 'after-claim' | 'after-send' | 'after-mark';

/**
 * TEST ONLY. DUBAN_TEST_CRASH_AT=after-claim|after-send|after-mark makes the process SIGKILL
 * itself the first time a sweep reaches that point: after its claims are taken, after the first
 * send returns a message id (before its marks), or after the first message's marks. The crash
 * tests (tests/reminders/crash.test.ts) run `duban sweep` with it. Read here and nowhere else;
 * unset (production), crashPoint does nothing.
 */
const CRASH_AT = process.env.DUBAN_TEST_CRASH_AT;

export function crashPoint(point: CrashPoint): void {
  if (CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
