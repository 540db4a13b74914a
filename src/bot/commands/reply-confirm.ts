import type { OccurrenceView } from '../../store/store.js';
import { card, markdown } from '../cards/card.js';
import { occurrenceLine } from '../cards/format.js';
import { parseDoneReply } from '../completion-words.js';
import { confirmOccurrence, describeConfirm, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { cardReply, type Reply, textReply } from '../reply.js';

/**
 * "已完成" in reply to a reminder (with or without @): confirms what that reminder was about for the
 * sender's section. A digest about several items asks which, unless the reply says "全部完成".
 */
export function replyConfirm(raw: string, ctx: CommandContext): (() => Promise<Reply>) | undefined {
  const replyTo = [ctx.inbound.parentId, ctx.inbound.rootId].filter((id): id is string => !!id);
  const done = replyTo.length > 0 ? parseDoneReply(raw) : undefined;
  if (!done) return undefined;
  return async () => {
    const ids = await remembered(ctx, replyTo);
    if (ids.length === 0) {
      return textReply('这条消息不是督办提醒，无法据此确认。请发「完成 任务编号」，例如「完成 8.4」。');
    }
    const occurrences = (await Promise.all(ids.map((id) => ctx.deps.store.occurrence(id)))).filter(
      (o): o is OccurrenceView => o !== null,
    );
    const owed = occurrences.filter((o) =>
      sectionsFor(ctx, o).some((s) => !o.confirmations.some((c) => c.section === s)),
    );
    const targets =
      occurrences.length === 1 ? occurrences : done.all ? owed : owed.length === 1 ? owed : undefined;
    if (!targets) return askWhich(owed.length > 0 ? owed : occurrences);
    if (targets.length === 0) return textReply('这条提醒里你所在科室的节点都已确认，无需重复确认。');
    const lines = [];
    for (const occurrence of targets)
      lines.push(describeConfirm(await confirmOccurrence(ctx, occurrence, done.note, 'reply')));
    return textReply(lines.join('\n'));
  };
}

async function remembered(ctx: CommandContext, messageIds: string[]): Promise<string[]> {
  for (const id of messageIds) {
    const found = await ctx.deps.store.occurrencesForMessage(id);
    if (found.length > 0) return found;
  }
  return [];
}

function askWhich(occurrences: OccurrenceView[]): Reply {
  const lines = occurrences.map((o) => `· ${o.itemId} ${occurrenceLine(o)} — 发「完成 ${o.id}」`);
  return cardReply(
    card('请指明完成的是哪一项', 'orange', [
      markdown(
        `这条提醒包含 ${occurrences.length} 个节点：\n${lines.join('\n')}\n\n或回复「全部完成」确认你所在科室的全部节点。`,
      ),
    ]),
  );
}
