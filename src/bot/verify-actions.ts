import { choicesOf } from './card-values.js';
import { verifyCard } from './cards/verify-card.js';
import type { CommandContext } from './context.js';
import type { CardActionResult } from './reply.js';
import { describeVerify, mayVerify, VERIFY_OFF, verifyOccurrence, verifyRefusal } from './verification.js';

/**
 * The 待销号 card's buttons. 销号 verifies at once and redraws the card. 退回 needs a reason, which a
 * button cannot carry: the toast says how to write it, and nothing changes until it is written.
 */
export async function verifyClick(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<CardActionResult> {
  if (!ctx.config.reminders.require_verify) return { toast: { type: 'info', content: VERIFY_OFF } };
  if (!mayVerify(ctx)) return { toast: { type: 'warning', content: verifyRefusal(ctx, '销号') } };
  const occurrence = await ctx.deps.store.occurrence(value.occurrenceId as string);
  if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
  const outcome = await verifyOccurrence(ctx, occurrence, 'button');
  const card = await redrawVerify(ctx, value);
  return {
    toast: {
      type: outcome.kind === 'verified' ? 'success' : 'info',
      content: describeVerify(ctx, outcome, 'toast'),
    },
    ...(card ? { card } : {}),
  };
}

export async function sendBackClick(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<CardActionResult> {
  if (!mayVerify(ctx)) return { toast: { type: 'warning', content: verifyRefusal(ctx, '退回') } };
  const occurrence = await ctx.deps.store.occurrence(value.occurrenceId as string);
  if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
  const date = `${Number(occurrence.due.slice(5, 7))}月${Number(occurrence.due.slice(8, 10))}日`;
  return {
    toast: {
      type: 'info',
      content: `请发送「退回 ${occurrence.itemId} ${date} 原因」，写明原因后才会退回，原因会转告科室负责人。`,
    },
  };
}

async function redrawVerify(ctx: CommandContext, value: Record<string, unknown>) {
  const occurrences = await choicesOf(ctx, value);
  if (occurrences.length === 0) return undefined;
  return verifyCard({
    occurrences,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
  });
}
