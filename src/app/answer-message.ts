import type { Logger } from 'pino';
import { handleCardAction } from '../bot/card-actions.js';
import type { BotDeps, LedgerChange } from '../bot/context.js';
import type { CardAction, Inbound } from '../bot/inbound.js';
import type { CardActionResult, Reply } from '../bot/reply.js';
import { handleMessage } from '../bot/router.js';
import type { Metrics } from '../http/metrics.js';
import type { MessageOutcome } from '../lark/inbound/dispatcher.js';
import type { Outbox } from '../lark/outbox.js';
import { apologyFor, failureCode } from './apology.js';
import type { CopyEvidence } from './copy-evidence.js';
import { deliverReply } from './deliver-reply.js';
import { announceLedgerChanges } from './ledger-notices.js';
import { LIVE_TTL_MS, type LiveCards } from './live-cards.js';

export interface AnswerDeps {
  bot: BotDeps;
  outbox: Outbox;
  logger: Logger;
  metrics: Pick<Metrics, 'commandSeconds' | 'handlingFailures'>;
  /** Cards redrawn after a ledger change; absent, nothing is redrawn (tests of the answer alone). */
  live?: LiveCards;
  /** Copies 佐证材料 to the admins who verify (ledger-notices.ts); absent, they see its name only. */
  copyEvidence?: CopyEvidence;
  /** Owns work that outlives the answer (a click's redraws), so shutdown waits for it. */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

/**
 * The owner of one acknowledged message: answers it, and when anything fails (the store, the
 * ledger, Lark refusing the reply) logs it with the event's context, counts it, and tells the
 * asker in a line instead of leaving them waiting. Never rejects: the event was acknowledged, so
 * no one else would catch it. Resolves to how it ended, so the dedupe claim of a message that was
 * not answered can be given back. Whatever the answer changed in the ledger is then shown on every
 * card that shows it — even when the answer itself could not be sent.
 */
export async function answerMessage(inbound: Inbound, deps: AnswerDeps): Promise<MessageOutcome> {
  const stop = deps.metrics.commandSeconds.startTimer({ kind: 'message' });
  const changes: LedgerChange[] = [];
  const bot: BotDeps = { ...deps.bot, onLedgerChange: (change) => changes.push(change) };
  const log = () => deps.logger.child({ eventId: inbound.eventId, chatId: inbound.chatId });
  let outcome: MessageOutcome = 'answered';
  let sent: { reply: Reply; messageId: string } | undefined;
  try {
    const reply = await handleMessage(inbound, bot);
    if (reply) sent = { reply, messageId: await deliverReply(deps.outbox, inbound, reply) };
    stop();
  } catch (error) {
    outcome = await apologise(inbound, deps, error);
  }
  await afterAnswer(deps, changes, sent).catch((error: unknown) => {
    log().warn({ err: error }, 'updating cards after an answer failed');
    deps.metrics.handlingFailures.inc({ kind: 'redraw', code: failureCode(error) });
  });
  await announceLedgerChanges(deps, changes);
  return outcome;
}

async function apologise(inbound: Inbound, deps: AnswerDeps, error: unknown): Promise<MessageOutcome> {
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

/**
 * A sent answer that shows the ledger is remembered as a live card; one that recorded a change is
 * remembered as about it (so a reply 撤销 to "✅ 已记录…" takes it back); then every other card
 * showing what changed is redrawn.
 */
async function afterAnswer(
  deps: AnswerDeps,
  changes: LedgerChange[],
  sent: { reply: Reply; messageId: string } | undefined,
): Promise<void> {
  const { live } = deps;
  if (!live) return;
  if (sent?.reply.kind === 'card' && sent.reply.live)
    await live.remember(sent.messageId, sent.reply.live, { replies: true });
  const changed = [...new Set(changes.map((c) => c.occurrenceId))];
  if (changed.length === 0) return;
  if (sent && !(sent.reply.kind === 'card' && sent.reply.live))
    await deps.bot.store.rememberMessage(sent.messageId, changed, LIVE_TTL_MS);
  const failed = await live.redraw(changed);
  if (failed > 0) deps.metrics.handlingFailures.inc({ kind: 'redraw', code: 'patch' }, failed);
}

/**
 * A card click, answered within Lark's deadline; a failure becomes an error toast saying what
 * happened. What it changed is redrawn on every other card after the answer (the clicked card is
 * redrawn by the answer itself), and a section head someone confirmed for is told in the thread.
 */
export async function answerCardAction(action: CardAction, deps: AnswerDeps): Promise<CardActionResult> {
  const changes: LedgerChange[] = [];
  const bot: BotDeps = { ...deps.bot, onLedgerChange: (change) => changes.push(change) };
  let result: CardActionResult;
  try {
    result = await handleCardAction(action, bot);
  } catch (error) {
    const code = failureCode(error);
    deps.logger
      .child({ chatId: action.chatId, messageId: action.messageId, code })
      .error({ err: error }, 'answering a card action failed');
    deps.metrics.handlingFailures.inc({ kind: 'card', code });
    result = { toast: { type: 'error', content: apologyFor(error) ?? '操作失败，请稍后再试' } };
  }
  const { notices, ...answer } = result;
  if (changes.length > 0 || (notices && notices.length > 0)) {
    const work = afterClick(action, deps, changes, notices ?? []).catch((error: unknown) => {
      deps.logger
        .child({ chatId: action.chatId, messageId: action.messageId })
        .warn({ err: error }, 'updating cards after a click failed');
      deps.metrics.handlingFailures.inc({ kind: 'redraw', code: failureCode(error) });
    });
    void (deps.track ? deps.track(work) : work);
  }
  return answer;
}

async function afterClick(
  action: CardAction,
  deps: AnswerDeps,
  changes: LedgerChange[],
  notices: string[],
): Promise<void> {
  // Keyed by the click (callbacks are never retried, a second click is a second notice), so the
  // outbox's retries of one notice reach the thread once.
  const click = `${action.messageId}:${deps.bot.clock().getTime()}`;
  const said = await Promise.allSettled(
    notices.map((text, i) =>
      deps.outbox.reply({
        messageId: action.messageId,
        chatId: action.chatId,
        msgType: 'text',
        content: { text },
        key: `notice:${click}:${i}`,
      }),
    ),
  );
  for (const r of said)
    if (r.status === 'rejected')
      deps.logger.child({ chatId: action.chatId }).warn({ err: r.reason }, 'a notice could not be sent');
  await announceLedgerChanges(deps, changes);
  if (!deps.live || changes.length === 0) return;
  const failed = await deps.live.redraw(
    changes.map((c) => c.occurrenceId),
    action.messageId,
  );
  if (failed > 0) deps.metrics.handlingFailures.inc({ kind: 'redraw', code: 'patch' }, failed);
}
