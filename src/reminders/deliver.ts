import type { Store } from '../store/store.js';
import type { ClaimState, ReminderClaims } from './claims.js';
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
  store: Pick<Store, 'rememberMessage'>;
  claims: ReminderClaims;
  send: SendReminder;
}

export type SendOutcome =
  | { status: 'sent'; message: OutgoingReminder; messageId: string }
  | { status: 'failed'; message: OutgoingReminder; error: string };

/** Claims every key at once (replies pipeline on one connection); the state of each, in order. */
export async function claimAll(
  claims: ReminderClaims,
  keys: string[],
  leaseMs: number,
): Promise<ClaimState[]> {
  return Promise.all(keys.map((key) => claims.claim(key, leaseMs)));
}

/**
 * Sends one composed message whose claims this replica holds; on success remembers what it was
 * about (so a reply confirms it) and marks its keys sent — `alsoSent` too (superseded stages).
 * On failure the claims are released so the next sweep tries again.
 */
export async function sendClaimed(
  message: OutgoingReminder,
  claimed: string[],
  alsoSent: string[],
  deps: DeliveryDeps,
  timings: DeliveryTimings,
): Promise<SendOutcome> {
  let messageId: string;
  try {
    ({ messageId } = await deps.send(message));
  } catch (error) {
    await Promise.all(claimed.map((key) => deps.claims.release(key)));
    return { status: 'failed', message, error: error instanceof Error ? error.message : String(error) };
  }
  // Lark has the message now: from here on, failing to record it must not make us send it again,
  // so the sent marks go first; the reply mapping is the lesser loss.
  await Promise.all([...claimed, ...alsoSent].map((key) => deps.claims.markSent(key, timings.sentTtlMs)));
  const about = [...new Set(message.occurrenceIds)];
  if (about.length > 0) await deps.store.rememberMessage(messageId, about, timings.messageTtlMs);
  return { status: 'sent', message, messageId };
}
