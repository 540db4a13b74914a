import type { OccurrenceView } from '../store/store.js';
import { echo, escapeMessageText } from '../text/user-text.js';
import { occurrenceLine } from './cards/format.js';
import { sectionsFor } from './confirmation.js';
import type { CommandContext } from './context.js';
import type { Attachment } from './inbound.js';

/**
 * 佐证材料: files and images a lead section's person sends for a piece of work, attached to the
 * occurrence for each section they may act for (their own; an admin, the card's). Told to
 * `deps.onLedgerChange`, so the cards showing it are redrawn and, where 销号 is required, the
 * admins get a copy.
 */
export interface EvidenceOutcome {
  occurrence: OccurrenceView;
  sections: string[];
  attached: Attachment[];
}

export async function attachEvidence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  attachments: readonly Attachment[],
  messageId: string,
  cardSection?: string,
): Promise<EvidenceOutcome> {
  const sections = sectionsFor(ctx, occurrence, cardSection);
  const attached: Attachment[] = [];
  let latest = occurrence;
  for (const attachment of attachments)
    for (const section of sections) {
      const result = await ctx.deps.store.attachEvidence(
        occurrence.id,
        { ...attachment, section, by: ctx.inbound.sender.openId, messageId },
        'reply',
      );
      latest = result.occurrence;
      if (result.status === 'attached' && !attached.includes(attachment)) attached.push(attachment);
    }
  if (attached.length > 0)
    ctx.deps.onLedgerChange?.({
      occurrenceId: occurrence.id,
      action: 'evidence',
      sections,
      evidenceIds: attached.map((a) => `${messageId}:${a.key}`),
    });
  return { occurrence: latest, sections, attached };
}

/** "📎 已收到佐证材料「检查报告.pdf」，记入「8.4 9月30日 …」（监督科）。" */
export function describeEvidence(outcome: EvidenceOutcome): string {
  const what = `「${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}」`;
  if (outcome.attached.length === 0) return `📎 这份材料已记入${what}，无需重复发送。`;
  const names = outcome.attached.map((a) => `「${escapeMessageText(echo(a.name, 60))}」`).join('');
  return `📎 已收到佐证材料${names}，记入${what}（${outcome.sections.join('、')}）。`;
}

/** Said in a private chat when a file comes with nothing to attach it to. */
export const EVIDENCE_HOW =
  '如需提交佐证材料，请在督办提醒消息下直接回复文件或图片（可同时回复「已完成」），材料会记入对应工作并供管理员销号时查看。';
