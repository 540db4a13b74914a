import type { Logger } from 'pino';
import { fitCard } from '../bot/cards/card.js';
import { encodeLiveView, liveViewKey, readLiveView } from '../bot/live-view.js';
import type { Card, LiveCard } from '../bot/reply.js';
import type { Outbox } from '../lark/outbox.js';
import type { OutgoingReminder } from '../reminders/outgoing.js';
import type { Store } from '../store/store.js';

/**
 * Cards that show the ledger stay true to it: every card the bot sent showing an occurrence
 * (reminders, digests, escalations, "which one" questions) is redrawn — PATCHed through the
 * outbox, which keeps Lark's 5 per second per message — after any confirmation or undo of it, by
 * whatever path. Built only from the Store's existing primitives:
 * - `live-view:<message>` (rememberMessage) says how to draw the card again (bot/live-view.ts);
 * - occurrence → cards is a row of slots, `live-slot:<occurrence>:<n>`, each taken atomically with
 *   claimOnce (SET NX) and then written with rememberMessage — so two replicas sending cards about
 *   the same occurrence at once never overwrite each other, as a read-modify-write list would.
 * Both live as long as Lark lets a card be updated (14 days).
 */
export interface LiveCards {
  /**
   * A card just sent that shows `card.occurrenceIds`. `replies`: also remember the message →
   * occurrences mapping, so a reply to it aims at what it shows (reminders have theirs already).
   */
  remember(messageId: string, card: LiveCard, options?: { replies?: boolean }): Promise<void>;
  /** Redraws every remembered card showing one of `occurrenceIds`, except `skip`; the number that failed. */
  redraw(occurrenceIds: readonly string[], skip?: string): Promise<number>;
}

export interface LiveCardParts {
  store: Pick<Store, 'claimOnce' | 'rememberMessage' | 'occurrencesForMessage'>;
  outbox: Pick<Outbox, 'patch'>;
  draw: (card: LiveCard) => Promise<Card | undefined>;
  logger: Logger;
}

/** Lark lets a sent card be updated for 14 days. */
export const LIVE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * Cards one occurrence can be on within those 14 days: its ladder's reminders and overdue repeats
 * for each lead section, escalations, a few questions — far fewer. Reading them is one GET each, in
 * parallel, on a confirmation; a card past the last slot is not redrawn (and logged).
 */
export const LIVE_SLOTS = 48;

const slotKey = (occurrenceId: string, n: number) => `live-slot:${occurrenceId}:${n}`;

export function createLiveCards(parts: LiveCardParts): LiveCards {
  const { store, outbox, draw, logger } = parts;
  // One redraw per message at a time; a change meanwhile redraws once more after it, from the
  // ledger as it then stands, so the last PATCH Lark gets is never older than the last change.
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  const slotOf = async (occurrenceId: string, messageId: string) => {
    for (let n = 0; n < LIVE_SLOTS; n++) {
      if (!(await store.claimOnce(slotKey(occurrenceId, n), LIVE_TTL_MS))) continue;
      await store.rememberMessage(slotKey(occurrenceId, n), [messageId], LIVE_TTL_MS);
      return;
    }
    logger.warn({ occurrenceId, messageId }, 'live cards: no free slot; this card will not be redrawn');
  };

  const cardsShowing = async (occurrenceId: string) => {
    const slots = await Promise.all(
      Array.from({ length: LIVE_SLOTS }, (_, n) => store.occurrencesForMessage(slotKey(occurrenceId, n))),
    );
    return slots.flat();
  };

  const patchOnce = async (messageId: string) => {
    const live = await readLiveView(store, messageId);
    const card = live ? await draw(live) : undefined;
    if (card) await outbox.patch({ messageId, content: JSON.stringify(fitCard(card)) });
  };

  const redrawOne = (messageId: string): Promise<void> => {
    const current = running.get(messageId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await patchOnce(messageId);
        } while (entry.again);
      } finally {
        running.delete(messageId);
      }
    })();
    running.set(messageId, entry);
    return entry.done;
  };

  return {
    async remember(messageId, card, options = {}) {
      await store.rememberMessage(liveViewKey(messageId), encodeLiveView(card), LIVE_TTL_MS);
      if (options.replies) await store.rememberMessage(messageId, card.occurrenceIds, LIVE_TTL_MS);
      for (const id of new Set(card.occurrenceIds)) await slotOf(id, messageId);
    },
    async redraw(occurrenceIds, skip) {
      const messages = new Set((await Promise.all([...new Set(occurrenceIds)].map(cardsShowing))).flat());
      messages.delete(skip ?? '');
      const results = await Promise.allSettled([...messages].map(redrawOne));
      let failed = 0;
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') return;
        failed++;
        logger.warn({ err: result.reason, messageId: [...messages][i] }, 'live cards: a redraw failed');
      });
      return failed;
    },
  };
}

/**
 * Reminders, digests and escalations show the ledger: remembered, they are redrawn whenever what
 * they show is confirmed or undone. The weekly digest (a dated snapshot) and the missed-while-
 * offline card (a list with no buttons) stay as sent. Every sender calls this — the server's
 * sweeps and `duban sweep` alike — so a confirmation redraws a card whoever sent it.
 */
export async function rememberReminder(
  live: Pick<LiveCards, 'remember'>,
  message: OutgoingReminder,
  messageId: string,
): Promise<void> {
  const view =
    message.kind === 'reminder' || message.kind === 'digest'
      ? 'reminder'
      : message.kind === 'escalation'
        ? 'escalation'
        : undefined;
  if (!view || message.occurrenceIds.length === 0) return;
  await live.remember(messageId, {
    view,
    section: message.section ?? '',
    occurrenceIds: message.occurrenceIds,
  });
}
