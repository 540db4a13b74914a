import { echo, escapeCardText } from '../text/user-text.js';
import type { Command, CommandInput } from './command.js';
import { bySectionCommand } from './commands/by-section.js';
import { confirmCommand } from './commands/confirm.js';
import { dueCommand } from './commands/due.js';
import { helpCard, helpCommand } from './commands/help.js';
import { itemDetailCommand } from './commands/item-detail.js';
import { myTasksCommand } from './commands/my-tasks.js';
import { overdueCommand } from './commands/overdue.js';
import { progressCommand } from './commands/progress.js';
import { reloadCommand } from './commands/reload.js';
import { replyConfirmCommand } from './commands/reply-confirm.js';
import { undoCommand } from './commands/undo.js';
import { answerWithItems, keywordsOf, whoLeadsCommand } from './commands/who-leads.js';
import { whoamiCommand } from './commands/whoami.js';
import { type BotDeps, type CommandContext, commandContext } from './context.js';
import { findItems } from './find-items.js';
import type { Inbound } from './inbound.js';
import { normalizeCommandText } from './normalize.js';
import { cardReply, type Reply } from './reply.js';

/**
 * The command table, most specific first: a reply to a reminder before anything else, exact
 * phrases before the keyword questions that would otherwise swallow them.
 */
export const COMMANDS: Command[] = [
  replyConfirmCommand,
  helpCommand(() => COMMANDS),
  whoamiCommand,
  reloadCommand,
  confirmCommand,
  undoCommand,
  progressCommand,
  overdueCommand,
  dueCommand,
  myTasksCommand,
  bySectionCommand,
  itemDetailCommand,
  whoLeadsCommand,
];

/**
 * Inbound message → the bot's answer; null for messages the bot must not answer: other bots, and
 * group chatter that does not @ the bot — except a reply 已完成 to one of its own reminders.
 */
export async function handleMessage(inbound: Inbound, deps: BotDeps, page = 1): Promise<Reply | null> {
  if (inbound.sender.type !== 'user') return null;
  const ctx = commandContext(deps, inbound);
  const input = { text: normalizeCommandText(inbound.text), raw: inbound.text, page };
  if (inbound.chatType === 'group' && !inbound.mentionsBot) return answerUnaddressed(ctx, input);
  return answer(ctx, input);
}

/** Only a reply that says done, to a message the bot remembers sending, is for the bot. */
async function answerUnaddressed(ctx: CommandContext, input: CommandInput): Promise<Reply | null> {
  const replyTo = [ctx.inbound.parentId, ctx.inbound.rootId].filter((id): id is string => !!id);
  for (const id of replyTo) {
    if ((await ctx.deps.store.occurrencesForMessage(id)).length === 0) continue;
    const run = replyConfirmCommand.match(input, ctx);
    return run ? run() : null;
  }
  return null;
}

export async function answer(ctx: CommandContext, input: CommandInput): Promise<Reply> {
  if (input.text === '') return cardReply(helpCard(COMMANDS, '你好！我是督办。你可以说：'));
  for (const command of COMMANDS) {
    const run = command.match(input, ctx);
    if (run) return run();
  }
  return fallback(ctx, input.text);
}

/**
 * Not a command: if the words name a task ("政金企"), answer as "谁牵头" would; otherwise a short
 * hint with examples — never silence.
 */
async function fallback(ctx: CommandContext, text: string): Promise<Reply> {
  const words = keywordsOf(text);
  if (words.length > 0 && (await findItems(ctx.deps.store, words, 3)).hits.length > 0) {
    return answerWithItems(ctx, words, text);
  }
  return cardReply(helpCard(COMMANDS, `没听懂「${escapeCardText(echo(text))}」。你可以说：`));
}
