import type { OccurrenceView } from '../../store/store.js';
import { knowledgeOf } from '../../understand/knowledge.js';
import { ask, confirmTargets, undoTargets } from '../confirm-flow.js';
import { refusal, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { readLiveView } from '../live-view.js';
import { type Reply, textReply } from '../reply.js';
import { aimReply } from '../reply-aim.js';
import { readReply } from '../reply-reading.js';

/** A reply saying done, or 撤销, to a message that is not the bot's card. */
export const NOT_OURS = '这条消息不是督办提醒，无法据此确认。请发「完成 任务编号」，例如「完成 8.4」。';

/**
 * A reply (with or without @) to a message the bot remembers — a reminder, a digest, its
 * "which one" card, its own confirmation — saying done or 撤销: confirms or takes back what that
 * message shows, for the sections the replier may act for. Someone who may act for none of it
 * is refused at once, naming who can. Several candidates and nothing naming one: a card with a
 * button per item. Resolves to undefined when the message is no such reply, 'not-ours' when it
 * is one but answers a message the bot does not remember.
 */
export async function answerReply(raw: string, ctx: CommandContext): Promise<Reply | 'not-ours' | undefined> {
  const replyTo = [ctx.inbound.parentId, ctx.inbound.rootId].filter((id): id is string => !!id);
  if (replyTo.length === 0) return undefined;
  const reading = readReply(raw, knowledgeOf(ctx.config).lexicon.mentionable);
  if (!reading) return undefined;
  const found = await remembered(ctx, replyTo);
  if (!found) return 'not-ours';
  const shown = (await Promise.all(found.ids.map((id) => ctx.deps.store.occurrence(id)))).filter(
    (o): o is OccurrenceView => o !== null,
  );
  const view = await readLiveView(ctx.deps.store, found.messageId);
  const cardSection = view?.section || undefined;
  const verb = reading.verb === 'confirm' ? '确认' : '撤销';
  if (shown.length === 0) return textReply('这条消息里的节点已不在计划中，无需再确认。');
  if (!shown.some((o) => sectionsFor(ctx, o, cardSection).length > 0))
    return textReply(refusal(ctx, shown, verb));
  const aim = aimReply(ctx, reading, shown, cardSection);
  if (aim.kind === 'none') return textReply(aim.message);
  if (aim.kind === 'ask')
    return ask(ctx, reading.verb === 'confirm' ? 'which' : 'undo', aim.occurrences, aim.note, cardSection);
  if (reading.verb === 'undo') return undoTargets(ctx, aim.occurrences, 'reply', cardSection);
  return confirmTargets(ctx, aim.occurrences, aim.note, {
    explicit: aim.explicit,
    source: 'reply',
    cardSection,
  });
}

/** The bot's message this one answers (replied to, else its thread's root), when the bot remembers it. */
export function rememberedIn(ctx: CommandContext): Promise<{ messageId: string; ids: string[] } | undefined> {
  const replyTo = [ctx.inbound.parentId, ctx.inbound.rootId].filter((id): id is string => !!id);
  return remembered(ctx, replyTo);
}

/** The nearest remembered message of the thread: the one replied to, else the thread's root. */
async function remembered(
  ctx: CommandContext,
  messageIds: string[],
): Promise<{ messageId: string; ids: string[] } | undefined> {
  for (const messageId of messageIds) {
    const ids = await ctx.deps.store.occurrencesForMessage(messageId);
    if (ids.length > 0) return { messageId, ids };
  }
  return undefined;
}
