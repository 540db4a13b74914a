import { canConfirm, whoCanConfirm } from '../../config/sections.js';
import { type ReportItem, readProgressReport } from '../../progress/read-report.js';
import type { ProgressRequest } from '../../store/progress-reports.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import { knowledgeOf } from '../../understand/knowledge.js';
import { actorFor, personName } from '../actor.js';
import { mentionInText } from '../cards/mention.js';
import type { CommandContext } from '../context.js';
import { type Reply, textReply } from '../reply.js';

/** How much of each note the confirmation echoes. */
const ECHOED_CHARS = 60;
/** What a thread says that is no report: heard without @ (group_messages), it is left alone. */
const CHATTER =
  /^(?:收到|好的?|好滴|ok|okay|嗯+|谢谢|感谢|明白|了解|知道了|👍|🙏|\[[^\]]{1,8}\])[!！。.~～\s]*$/i;
const UNDO = /^(?:撤销|撤回)/;

/**
 * A reply (with or without @) to a 进展填报 card, or in its thread: the section's progress notes.
 * Only the section's head or deputies (or an admin) may report; anyone else is refused at once,
 * naming who can. Each item named gets a note; a card with one item takes bare text as its note;
 * a reply naming nothing on the card is asked which item, by line number. Heard without @ (the
 * app holds group messages), the thread's chatter — 收到, a stranger's remark naming no item — is
 * left alone. Resolves to undefined when the message answers no request card, or is such chatter,
 * so the other replies and commands get it.
 */
export async function answerProgressReport(ctx: CommandContext, raw: string): Promise<Reply | undefined> {
  const request = await requestRepliedTo(ctx);
  if (!request) return undefined;
  const addressed = ctx.inbound.chatType !== 'group' || ctx.inbound.mentionsBot;
  const said = raw.replace(/^(?:@\S{1,16}\s*)+/, '').trim();
  if (said === '' || (!addressed && CHATTER.test(said))) return undefined;
  if (UNDO.test(said)) return textReply('进展记录无需撤销：如需更正，请回复新的进展，以最新一条为准。');
  const { section } = request;
  const { org } = ctx.config;
  const openId = ctx.inbound.sender.openId;
  const knowledge = knowledgeOf(ctx.config);
  const items: ReportItem[] = request.itemIds.map((itemId) => ({
    itemId,
    title: knowledge.index.byId.get(itemId)?.title ?? '',
  }));
  const reading = readProgressReport(raw, items, knowledge);
  if (!canConfirm(openId, section, org)) {
    if (!addressed && reading.notes.length === 0) return undefined;
    const people = whoCanConfirm(section, org).map(mentionInText).join('、');
    return textReply(`抱歉，只有${section}的${people || '负责人'}或督办管理员可以填报${section}的工作进展。`);
  }
  const bare =
    reading.notes.length === 0 &&
    items.length === 1 &&
    reading.problems.length === 0 &&
    reading.unplaced.length > 0;
  const notes = bare ? [{ itemId: items[0]!.itemId, text: reading.unplaced.join('；') }] : reading.notes;
  if (notes.length === 0) return textReply(askWhich(items, reading.problems));

  const by = personName(openId, org) ?? '督办管理员';
  for (const note of notes)
    await ctx.deps.store.addProgressNote({
      itemId: note.itemId,
      section,
      by,
      byOpenId: openId,
      text: note.text,
    });
  const actor = actorFor(openId, [section], org);
  const lines = notes.map((n) => `已记录 ${n.itemId} 进展：${escapeMessageText(echo(n.text, ECHOED_CHARS))}`);
  if (actor.phrase) lines.push(`（${actor.phrase} 填报）`);
  if (!bare && reading.unplaced.length > 0)
    lines.push(
      `未对应到卡上工作、没有记录：「${escapeMessageText(echo(reading.unplaced.join(' '), ECHOED_CHARS))}」。请以序号或编号开头另起一行补充。`,
    );
  lines.push(...reading.problems);
  return textReply(`✅ ${lines.join('\n')}`);
}

/** The request card the message replies to, or the root of its thread. */
async function requestRepliedTo(ctx: CommandContext): Promise<ProgressRequest | undefined> {
  for (const messageId of [ctx.inbound.parentId, ctx.inbound.rootId]) {
    if (!messageId) continue;
    const request = await ctx.deps.store.progressRequest(messageId);
    if (request) return request;
  }
  return undefined;
}

function askWhich(items: readonly ReportItem[], problems: readonly string[]): string {
  return [
    ...problems,
    `请注明是哪一项的进展，每项一行，以序号或编号开头，如「1：已完成…」或「${items[0]?.itemId ?? '8.4'}：…」：`,
    ...items.map((item, i) => `${i + 1}. ${item.itemId} ${item.title}`),
  ].join('\n');
}
