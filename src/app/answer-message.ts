import type { Logger } from 'pino';
import { handleCardAction } from '../bot/card-actions.js';
import type { BotDeps } from '../bot/context.js';
import type { CardAction, Inbound } from '../bot/inbound.js';
import type { CardActionResult } from '../bot/reply.js';
import { handleMessage } from '../bot/router.js';
import type { Metrics } from '../http/metrics.js';
import type { MessageOutcome } from '../lark/inbound/dispatcher.js';
import type { Outbox } from '../lark/outbox.js';
import { apologyFor, failureCode } from './apology.js';
import { deliverReply } from './deliver-reply.js';

export interface AnswerDeps {
  bot: BotDeps;
  outbox: Outbox;
  logger: Logger;
  metrics: Pick<Metrics, 'commandSeconds' | 'handlingFailures'>;
}

/**
 * The owner of one acknowledged message: answers it, and when anything fails (the store, the
 * ledger, Lark refusing the reply) logs it with the event's context, counts it, and tells the
 * asker in a line instead of leaving them waiting. Never rejects: the event was acknowledged, so
 * no one else would catch it. Resolves to how it ended, so the dedupe claim of a message that was
 * not answered can be given back.
 */
export async function answerMessage(inbound: Inbound, deps: AnswerDeps): Promise<MessageOutcome> {
  const stop = deps.metrics.commandSeconds.startTimer({ kind: 'message' });
  try {
    const reply = await handleMessage(inbound, deps.bot);
    if (reply) await deliverReply(deps.outbox, inbound, reply);
    stop();
    return 'answered';
  } catch (error) {
    const code = failureCode(error);
    const log = deps.logger.child({ eventId: inbound.eventId, chatId: inbound.chatId, code });
    log.error({ err: error }, 'answering a message failed');
    deps.metrics.handlingFailures.inc({ kind: 'message', code });
    const apology = apologyFor(error);
    if (apology === null) return 'unanswered';
    try {
      await deliverReply(deps.outbox, inbound, { kind: 'text', text: apology }, 'apology');
      return 'apologised';
    } catch (again) {
      log.warn({ err: again }, 'the apology could not be sent either');
      return 'unanswered';
    }
  }
}

/** A card click, answered within Lark's deadline; a failure becomes an error toast saying what happened. */
export async function answerCardAction(action: CardAction, deps: AnswerDeps): Promise<CardActionResult> {
  try {
    return await handleCardAction(action, deps.bot);
  } catch (error) {
    const code = failureCode(error);
    deps.logger
      .child({ chatId: action.chatId, messageId: action.messageId, code })
      .error({ err: error }, 'answering a card action failed');
    deps.metrics.handlingFailures.inc({ kind: 'card', code });
    return { toast: { type: 'error', content: apologyFor(error) ?? '操作失败，请稍后再试' } };
  }
}
