import type { Logger } from 'pino';
import { fitCard } from '../bot/cards/card.js';
import { verifyCard } from '../bot/cards/verify-card.js';
import type { BotDeps, LedgerChange } from '../bot/context.js';
import { awaitingVerification, sendBackNotice } from '../bot/verification.js';
import { findSection } from '../config/sections.js';
import type { Outbox } from '../lark/outbox.js';
import { evidenceId } from '../store/ledger.js';
import type { OccurrenceView } from '../store/store.js';
import type { CopyEvidence } from './copy-evidence.js';
import type { LiveCards } from './live-cards.js';

export interface LedgerNoticeDeps {
  bot: Pick<BotDeps, 'store' | 'config' | 'clock'>;
  outbox: Pick<Outbox, 'send'>;
  live?: LiveCards;
  logger: Logger;
  /** Copies 佐证材料 to the admins; absent (no Lark resources), they see only its name. */
  copyEvidence?: CopyEvidence;
}

/**
 * What a ledger change makes duban say beyond its answer, whichever path made it:
 * - with `require_verify`, work every lead section has now confirmed goes to each admin, in their
 *   own chat with the bot, as a 待销号 card with 销号 / 退回 buttons (a live card: redrawn as it is
 *   verified, sent back or taken back);
 * - with it, 佐证材料 goes to them too — what was attached before the card, and what comes after;
 * - a 退回 is told, with its reason, to the head of every section whose confirmation it withdrew,
 *   in the chat the section's reminders go to.
 * Keyed by occurrence and the change's time, so the outbox's retries say each once.
 */
export async function announceLedgerChanges(
  deps: LedgerNoticeDeps,
  changes: readonly LedgerChange[],
): Promise<void> {
  const config = deps.bot.config();
  const work: Promise<void>[] = [];
  for (const change of changes) {
    if (change.action === 'return') work.push(tellSentBack(deps, change));
    if (change.action === 'confirm' && config.reminders.require_verify) work.push(askToVerify(deps, change));
    if (change.action === 'evidence' && config.reminders.require_verify) work.push(forwardNew(deps, change));
  }
  const results = await Promise.allSettled(work);
  for (const r of results)
    if (r.status === 'rejected') deps.logger.warn({ err: r.reason }, 'a ledger notice could not be sent');
}

async function askToVerify(deps: LedgerNoticeDeps, change: LedgerChange): Promise<void> {
  const occurrence = await deps.bot.store.occurrence(change.occurrenceId);
  if (!occurrence || !awaitingVerification(occurrence)) return;
  const config = deps.bot.config();
  const card = verifyCard({
    occurrences: [occurrence],
    timeZone: config.reminders.timezone,
    org: config.org,
  });
  const confirmedAt = latestConfirmation(occurrence);
  await Promise.all(
    config.org.admins.map(async (admin) => {
      const { messageId } = await deps.outbox.send({
        openId: admin.open_id,
        msgType: 'interactive',
        content: JSON.stringify(fitCard(card)),
        key: `verify-request:${occurrence.id}:${confirmedAt}:${admin.open_id}`,
      });
      await deps.live?.remember(
        messageId,
        { view: 'verify', section: '', occurrenceIds: [occurrence.id] },
        { replies: true },
      );
    }),
  );
  await forward(deps, occurrence, occurrence.evidence.map(evidenceId));
}

/** Evidence sent after the work waits for 销号: the admins, who have its card, get it as it comes. */
async function forwardNew(deps: LedgerNoticeDeps, change: LedgerChange): Promise<void> {
  const occurrence = await deps.bot.store.occurrence(change.occurrenceId);
  if (occurrence && awaitingVerification(occurrence))
    await forward(deps, occurrence, change.evidenceIds ?? []);
}

async function forward(
  deps: LedgerNoticeDeps,
  occurrence: OccurrenceView,
  ids: readonly string[],
): Promise<void> {
  const { copyEvidence } = deps;
  if (!copyEvidence) return;
  const admins = deps.bot.config().org.admins.map((a) => a.open_id);
  for (const evidence of occurrence.evidence.filter((e) => ids.includes(evidenceId(e))))
    await copyEvidence(evidence, admins, `evidence-copy:${occurrence.id}:${evidenceId(evidence)}`);
}

async function tellSentBack(deps: LedgerNoticeDeps, change: LedgerChange): Promise<void> {
  const occurrence = await deps.bot.store.occurrence(change.occurrenceId);
  if (!occurrence) return;
  const config = deps.bot.config();
  const at = deps.bot.clock().toISOString();
  await Promise.all(
    change.sections.map((section) =>
      deps.outbox.send({
        chatId: findSection(section, config.org)?.chat_id ?? config.org.chats.main,
        msgType: 'text',
        content: {
          text: sendBackNotice(occurrence, section, change.reason ?? '', change.by ?? '', { config }),
        },
        key: `sent-back:${occurrence.id}:${section}:${at}`,
      }),
    ),
  );
}

function latestConfirmation(occurrence: OccurrenceView): string {
  return (
    occurrence.confirmations
      .map((c) => c.at)
      .sort()
      .at(-1) ?? ''
  );
}
