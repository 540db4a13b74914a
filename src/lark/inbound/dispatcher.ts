import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { CardAction, Inbound } from '../../bot/inbound.js';
import type { CardActionResult } from '../../bot/reply.js';
import { createSdkLogger } from '../sdk-logger.js';
import { normaliseCardAction } from './normalise-card-action.js';
import { normaliseMessage } from './normalise-message.js';

/** Atomic set-if-absent with a TTL (the store's `claimOnce`): true the first time only. */
export type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;

/** How handling an acknowledged message ended; anything but 'answered' gives its claim back. */
export type MessageOutcome = 'answered' | 'apologised' | 'unanswered';

/** Lark retries for about 7 h; a day of memory covers that with room to spare. */
export const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
/** Lark waits 3 s for a card callback's answer. */
export const CARD_ANSWER_DEADLINE_MS = 2_500;

export interface InboundHandlers {
  botOpenId: string;
  claimOnce: ClaimOnce;
  /** Gives a claim back after its message was not answered, so a redelivery is handled. */
  releaseClaim?: (key: string) => Promise<void>;
  /** Called after the event is acknowledged; its errors are logged, never returned to Lark. */
  onMessage: (inbound: Inbound) => Promise<MessageOutcome | undefined>;
  /** Answered synchronously: Lark shows the toast and redraws the card from the result. */
  onCardAction: (action: CardAction) => Promise<CardActionResult>;
  logger: Logger;
  dedupeTtlMs?: number;
  cardDeadlineMs?: number;
  /** Called for each redelivery dropped by the dedupe (metrics). */
  onDuplicate?: () => void;
}

/**
 * The one transport-free entry for events. We keep the SDK's EventDispatcher rather than parsing
 * the v2 envelope ourselves because the long connection (WSClient) calls exactly
 * `dispatcher.invoke(event, {needCheck: false})` on every frame: registering our handlers on one
 * dispatcher makes the webhook (which verifies and decrypts first, then calls the same invoke)
 * and the long connection run the same code, card callbacks included, with the SDK flattening
 * the envelope the same way for both.
 */
export function createEventDispatcher(handlers: InboundHandlers): lark.EventDispatcher {
  const ttl = handlers.dedupeTtlMs ?? DEDUPE_TTL_MS;
  const deadline = handlers.cardDeadlineMs ?? CARD_ANSWER_DEADLINE_MS;
  const dispatcher = new lark.EventDispatcher({
    loggerLevel: lark.LoggerLevel.error,
    logger: createSdkLogger(handlers.logger, []),
  });
  return dispatcher.register({
    'im.message.receive_v1': async (data: unknown) => {
      const normalised = normaliseMessage(data, handlers.botOpenId);
      if (!normalised.ok) {
        handlers.logger.debug({ reason: normalised.reason }, 'lark message ignored');
        return {};
      }
      const { inbound } = normalised;
      // Built only when something is logged: a child logger per event costs webhook throughput.
      const log = () => handlers.logger.child({ eventId: inbound.eventId, chatId: inbound.chatId });
      // Lark redelivers the same event (same event_id, same message) and, rarely, the same message
      // under a new event_id. The message_id is common to both, so one claim on it dedupes every
      // case an event_id claim would, with one store round trip per event instead of two.
      const claim = `lark:message:${inbound.messageId}`;
      let first: boolean;
      try {
        first = await handlers.claimOnce(claim, ttl);
      } catch (error) {
        // The store failed mid-claim: the claim may have been written with its reply lost. Lark
        // retries this event (the answer is an error), so give that possible claim back once the
        // store answers again, or the retry would be dropped as a duplicate of nothing.
        if (handlers.releaseClaim) releaseWhenBack(handlers.releaseClaim, claim, log);
        throw error;
      }
      if (!first) {
        log().debug('duplicate delivery ignored');
        handlers.onDuplicate?.();
        return {};
      }
      setImmediate(() => {
        handlers
          .onMessage(inbound)
          .then(async (outcome) => {
            // Failed work must not hold the claim for a day: Lark's redelivery, or the same
            // message from a replica, gets a real answer once the store is back.
            if (outcome === 'apologised' || outcome === 'unanswered') await handlers.releaseClaim?.(claim);
          })
          .catch((error: unknown) => log().error({ err: error }, 'handling a message failed'));
      });
      return {};
    },
    'card.action.trigger': async (data: unknown) => {
      const normalised = normaliseCardAction(data);
      if (!normalised.ok) {
        handlers.logger.warn({ reason: normalised.reason }, 'card action ignored');
        return {};
      }
      const { action, eventId } = normalised;
      if (eventId !== undefined && !(await handlers.claimOnce(`lark:event:${eventId}`, ttl))) {
        handlers.onDuplicate?.();
        return {};
      }
      return toLarkCardAnswer(await answerInTime(handlers, action, deadline));
    },
  });
}

/** Retries a claim's release every half second for up to a minute (Lark's first retry comes after 15 s). */
function releaseWhenBack(
  release: (key: string) => Promise<void>,
  key: string,
  log: () => Logger,
  attemptsLeft = 120,
): void {
  const timer = setTimeout(() => {
    release(key).catch(() => {
      if (attemptsLeft > 1) releaseWhenBack(release, key, log, attemptsLeft - 1);
      else log().warn({ key }, 'a claim the store may hold could not be given back');
    });
  }, 500);
  timer.unref();
}

/** The handler's answer, or a "still working" toast if it misses Lark's deadline. */
async function answerInTime(
  handlers: InboundHandlers,
  action: CardAction,
  deadlineMs: number,
): Promise<CardActionResult> {
  const log = handlers.logger.child({ chatId: action.chatId, messageId: action.messageId });
  const work = handlers.onCardAction(action).catch((error: unknown): CardActionResult => {
    log.error({ err: error }, 'handling a card action failed');
    return { toast: { type: 'error', content: '操作失败，请稍后再试' } };
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CardActionResult>((resolve) => {
    timer = setTimeout(() => {
      log.warn({ deadlineMs }, 'card action answered late; replying with a holding toast');
      resolve({ toast: { type: 'info', content: '正在处理，请稍候' } });
    }, deadlineMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lark's callback answer: the toast, and the new card as `{type: 'raw', data}`. */
export function toLarkCardAnswer(result: CardActionResult) {
  return result.card === undefined
    ? { toast: result.toast }
    : { toast: result.toast, card: { type: 'raw', data: result.card } };
}
