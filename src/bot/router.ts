import type { Intent } from '../understand/intent.js';
import { understand } from '../understand/understand.js';
import type { Command, CommandInput } from './command.js';
import { ackLedgerLostCommand } from './commands/ack-ledger-lost.js';
import { bySectionCommand } from './commands/by-section.js';
import { chapterCommand } from './commands/chapter.js';
import { confirmCommand } from './commands/confirm.js';
import { dueCommand } from './commands/due.js';
import { exportLedgerCommand } from './commands/export-ledger.js';
import { helpCard, helpCommand } from './commands/help.js';
import {
  howMuchCommand,
  itemDetailCommand,
  itemStatusCommand,
  whenDueCommand,
  whoLeadsCommand,
} from './commands/item-questions.js';
import { openWorkCommand } from './commands/open-work.js';
import { overdueCommand } from './commands/overdue.js';
import { progressCommand } from './commands/progress.js';
import { answerProgressReport } from './commands/progress-report.js';
import { reloadCommand } from './commands/reload.js';
import { answerReply, NOT_OURS } from './commands/reply-confirm.js';
import { answerEvidence } from './commands/reply-evidence.js';
import { sendBackCommand } from './commands/send-back.js';
import { undoCommand } from './commands/undo.js';
import { unknownCommand } from './commands/unknown.js';
import { verifyCommand } from './commands/verify.js';
import { verifyQueueCommand } from './commands/verify-queue.js';
import { whoamiCommand } from './commands/whoami.js';
import { type BotDeps, type CommandContext, commandContext } from './context.js';
import type { Inbound } from './inbound.js';
import { normalizeCommandText } from './normalize.js';
import { cardReply, type Reply, textReply } from './reply.js';

/** One command per intent, in the order help lists them. */
export const COMMANDS: Command[] = [
  whoLeadsCommand,
  whenDueCommand,
  howMuchCommand,
  itemDetailCommand,
  itemStatusCommand,
  bySectionCommand,
  chapterCommand,
  openWorkCommand,
  dueCommand,
  overdueCommand,
  progressCommand,
  confirmCommand,
  undoCommand,
  verifyQueueCommand,
  verifyCommand,
  sendBackCommand,
  whoamiCommand,
  reloadCommand,
  ackLedgerLostCommand,
  exportLedgerCommand,
  helpCommand(() => COMMANDS),
];

const BY_INTENT = new Map<Intent, Command>(COMMANDS.map((c) => [c.intent, c]));
const UNKNOWN = unknownCommand(() => COMMANDS);

/**
 * Inbound message → the bot's answer; null for messages the bot must not answer: other bots, and
 * group chatter that does not @ the bot — except a reply 已完成 (or 撤销) to one of its own cards.
 */
export async function handleMessage(inbound: Inbound, deps: BotDeps, page = 1): Promise<Reply | null> {
  if (inbound.sender.type !== 'user') return null;
  const ctx = commandContext(deps, inbound);
  const input = { text: normalizeCommandText(inbound.text), raw: inbound.text, page };
  if (inbound.attachments && inbound.attachments.length > 0) {
    const evidence = await answerEvidence(ctx, inbound.text);
    if (evidence !== undefined) return evidence;
  }
  if (inbound.chatType === 'group' && !inbound.mentionsBot) return answerUnaddressed(ctx, input);
  return answer(ctx, input);
}

/**
 * Only a reply to a 进展填报 card, or one that says done (or 撤销) to a message the bot remembers
 * sending, is for the bot.
 */
async function answerUnaddressed(ctx: CommandContext, input: CommandInput): Promise<Reply | null> {
  const report = await answerProgressReport(ctx, input.raw);
  if (report) return report;
  const reply = await answerReply(input.raw, ctx);
  return reply === undefined || reply === 'not-ours' ? null : reply;
}

/**
 * A reply to one of the bot's cards saying done or 撤销 comes first (it is about that card whatever
 * its words); any other message is understood — intent and slots — and answered by that intent's
 * command. A reply saying done to some other message gets told how to confirm instead.
 */
export async function answer(ctx: CommandContext, input: CommandInput): Promise<Reply> {
  if (input.text === '') return cardReply(helpCard(COMMANDS, '你好！我是督办。你可以说：'));
  // A reply to a 进展填报 card is that section's report, whatever its words ("8.4：已完成…").
  const report = await answerProgressReport(ctx, input.raw);
  if (report) return report;
  const reply = await answerReply(input.raw, ctx);
  if (reply !== undefined && reply !== 'not-ours') return reply;
  const understood = understand(input.raw, { config: ctx.config, today: ctx.today });
  const intent = understood.question.intent;
  if (reply === 'not-ours' && intent !== 'confirm' && intent !== 'undo') return textReply(NOT_OURS);
  return (BY_INTENT.get(intent) ?? UNKNOWN).run(ctx, understood, input);
}
