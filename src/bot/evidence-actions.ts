import { noteOf, sectionOf } from './card-values.js';
import { confirmOccurrence, describeConfirm, sectionsFor } from './confirmation.js';
import type { CommandContext } from './context.js';
import { attachEvidence, describeEvidence } from './evidence.js';
import type { Attachment } from './inbound.js';
import type { CardActionResult } from './reply.js';

/** The values of a button the bot drew are still input: at most this many attachments, keys bounded. */
const MAX_ATTACHMENTS = 9;

/** A button of the "which one is this evidence for" card: attaches (and, when the reply said so, confirms). */
export async function evidenceClick(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<CardActionResult> {
  const occurrence = await ctx.deps.store.occurrence(value.occurrenceId as string);
  if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
  const section = sectionOf(value);
  if (sectionsFor(ctx, occurrence, section).length === 0)
    return { toast: { type: 'warning', content: '抱歉，只有牵头科室负责人或督办管理员可以提交佐证材料。' } };
  const attachments = attachmentsOf(value);
  const messageId = typeof value.messageId === 'string' ? value.messageId.slice(0, 200) : '';
  if (attachments.length === 0 || messageId === '')
    return { toast: { type: 'error', content: '无法识别的材料' } };
  const lines = [];
  if (value.confirm === true)
    lines.push(
      describeConfirm(
        ctx,
        await confirmOccurrence(ctx, occurrence, noteOf(value), 'button', section),
        'toast',
      ),
    );
  lines.push(describeEvidence(await attachEvidence(ctx, occurrence, attachments, messageId, section)));
  return { toast: { type: 'success', content: lines.join('\n') } };
}

function attachmentsOf(value: Record<string, unknown>): Attachment[] {
  if (!Array.isArray(value.attachments)) return [];
  return value.attachments.slice(0, MAX_ATTACHMENTS).flatMap((raw: unknown) => {
    const a = raw as Record<string, unknown>;
    const kind = a?.kind === 'file' || a?.kind === 'image' ? a.kind : undefined;
    if (!kind || typeof a.key !== 'string' || typeof a.name !== 'string') return [];
    return [{ kind, key: a.key.slice(0, 200), name: a.name.slice(0, 200) }];
  });
}
