import type { OccurrenceView } from '../../store/store.js';
import { knowledgeOf } from '../../understand/knowledge.js';
import { evidenceChoiceCard } from '../cards/evidence-choice-card.js';
import { confirmTargets } from '../confirm-flow.js';
import { refusal, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { attachEvidence, describeEvidence, EVIDENCE_HOW } from '../evidence.js';
import { readLiveView } from '../live-view.js';
import { type Reply, textReply } from '../reply.js';
import { aimReply } from '../reply-aim.js';
import { readReply } from '../reply-reading.js';
import { rememberedIn } from './reply-confirm.js';

/**
 * A file or image (a post may carry text with it: "已完成" and a photo) sent in reply to one of the
 * bot's cards: 佐证材料 for what that card shows. With words that confirm, it confirms what they
 * aim at and attaches to it; alone, it attaches to the one piece of work the sender may act for,
 * or asks which with a button each. Anywhere else a file alone is chatter: a group's is ignored
 * (null), a private chat's is told how to send evidence; with words, it is an ordinary message
 * (undefined: answered as one).
 */
export async function answerEvidence(ctx: CommandContext, raw: string): Promise<Reply | null | undefined> {
  const attachments = ctx.inbound.attachments ?? [];
  const found = await rememberedIn(ctx);
  if (!found) {
    if (raw.trim() !== '') return undefined;
    return ctx.inbound.chatType === 'p2p' ? textReply(EVIDENCE_HOW) : null;
  }
  const shown = (await Promise.all(found.ids.map((id) => ctx.deps.store.occurrence(id)))).filter(
    (o): o is OccurrenceView => o !== null,
  );
  const cardSection = (await readLiveView(ctx.deps.store, found.messageId))?.section || undefined;
  const mayAct = shown.filter((o) => sectionsFor(ctx, o, cardSection).length > 0);
  if (shown.length === 0) return textReply('这条消息里的节点已不在计划中。');
  if (mayAct.length === 0) return textReply(refusal(ctx, shown, '提交佐证材料'));
  const reading = raw.trim() === '' ? undefined : readReply(raw, knowledgeOf(ctx.config).lexicon.mentionable);
  const messageId = ctx.inbound.messageId;
  if (reading?.verb === 'confirm') {
    const aim = aimReply(ctx, reading, shown, cardSection);
    if (aim.kind === 'none') return textReply(aim.message);
    if (aim.kind === 'ask')
      return evidenceChoice(ctx, aim.occurrences, { confirm: true, note: aim.note }, cardSection);
    const confirmed = await confirmTargets(ctx, aim.occurrences, aim.note, {
      explicit: aim.explicit,
      source: 'reply',
      cardSection,
    });
    const said = [];
    for (const o of aim.occurrences)
      said.push(describeEvidence(await attachEvidence(ctx, o, attachments, messageId, cardSection)));
    return withLines(confirmed, said);
  }
  if (mayAct.length > 1) return evidenceChoice(ctx, mayAct, { confirm: false, note: '' }, cardSection);
  return textReply(
    describeEvidence(await attachEvidence(ctx, mayAct[0]!, attachments, messageId, cardSection)),
  );
}

function evidenceChoice(
  ctx: CommandContext,
  occurrences: OccurrenceView[],
  options: { confirm: boolean; note: string },
  cardSection?: string,
): Reply {
  return {
    kind: 'card',
    card: evidenceChoiceCard({
      occurrences,
      attachments: ctx.inbound.attachments ?? [],
      messageId: ctx.inbound.messageId,
      section: cardSection ?? '',
      confirm: options.confirm,
      note: options.note,
      today: ctx.today,
    }),
  };
}

/** The confirmation's answer with the evidence lines after it. */
function withLines(reply: Reply, lines: string[]): Reply {
  if (reply.kind === 'text') return textReply([reply.text, ...lines].join('\n'));
  const extra = lines.map((content) => ({ tag: 'markdown' as const, content }));
  return { ...reply, card: { ...reply.card, body: { elements: [...reply.card.body.elements, ...extra] } } };
}
