import { whoCanConfirm } from '../config/sections.js';
import type { ConfirmSource, OccurrenceView } from '../store/store.js';
import { occurrenceLine } from './cards/format.js';
import { mentionInText } from './cards/mention.js';
import type { CommandContext } from './context.js';

/**
 * Confirming and undoing, shared by "完成 8.4", a reply 已完成 to a reminder and the card button.
 * Only the lead section's head or deputies, or an admin, may confirm; a head confirms for their
 * own section(s), an admin for every lead section that has not confirmed yet.
 */
export type ConfirmOutcome =
  | { kind: 'confirmed'; occurrence: OccurrenceView; sections: string[] }
  | { kind: 'already'; occurrence: OccurrenceView; sections: string[] }
  | { kind: 'refused'; occurrence: OccurrenceView; message: string };

/** The lead sections of `occurrence` the sender may act for. */
export function sectionsFor(ctx: CommandContext, occurrence: OccurrenceView): string[] {
  const own = occurrence.leads.filter((s) => ctx.senderSections.includes(s));
  if (own.length > 0 || !ctx.senderIsAdmin) return own;
  return occurrence.leads;
}

export async function confirmOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  note: string,
  source: ConfirmSource,
): Promise<ConfirmOutcome> {
  const sections = sectionsFor(ctx, occurrence);
  if (sections.length === 0) return { kind: 'refused', occurrence, message: refusal(ctx, occurrence) };
  const pending = sections.filter((s) => !occurrence.confirmations.some((c) => c.section === s));
  if (pending.length === 0) return { kind: 'already', occurrence, sections };
  let latest = occurrence;
  const confirmed: string[] = [];
  for (const section of pending) {
    const result = await ctx.deps.store.confirm(
      occurrence.id,
      section,
      ctx.inbound.sender.openId,
      note,
      source,
    );
    latest = result.occurrence;
    if (result.status === 'confirmed') confirmed.push(section);
  }
  return confirmed.length > 0
    ? { kind: 'confirmed', occurrence: latest, sections: confirmed }
    : { kind: 'already', occurrence: latest, sections };
}

export type UndoOutcome =
  | { kind: 'undone' | 'nothing'; occurrence: OccurrenceView; sections: string[] }
  | { kind: 'refused'; occurrence: OccurrenceView; message: string };

export async function undoOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  source: ConfirmSource,
): Promise<UndoOutcome> {
  const mine = sectionsFor(ctx, occurrence);
  if (mine.length === 0) return { kind: 'refused', occurrence, message: refusal(ctx, occurrence, '撤销') };
  const sections = mine.filter((s) => occurrence.confirmations.some((c) => c.section === s));
  let latest = occurrence;
  for (const section of sections) {
    latest = (await ctx.deps.store.undo(occurrence.id, section, ctx.inbound.sender.openId, '', source))
      .occurrence;
  }
  return { kind: sections.length > 0 ? 'undone' : 'nothing', occurrence: latest, sections };
}

/** "只有 监督科 的 李四、王五 或管理员可以确认 8.4 …": names who can, so the asker knows whom to tell. */
export function refusal(ctx: CommandContext, occurrence: OccurrenceView, verb = '确认'): string {
  const who = occurrence.leads
    .map((section) => {
      const people = whoCanConfirm(section, ctx.config.org).map(mentionInText).join('、');
      return people ? `${section}的${people}` : section;
    })
    .join('，');
  return `抱歉，只有${who}或督办管理员可以${verb}「${occurrence.itemId} ${occurrenceLine(occurrence)}」。`;
}

/** One line for the chat: what happened, for which sections, and how to take it back. */
export function describeConfirm(outcome: ConfirmOutcome): string {
  const what = `${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}`;
  if (outcome.kind === 'refused') return outcome.message;
  if (outcome.kind === 'already')
    return `「${what}」${outcome.sections.join('、')} 之前已确认完成，无需重复确认。`;
  const occurrence = outcome.occurrence;
  const rest = occurrence.leads.filter((s) => !occurrence.confirmations.some((c) => c.section === s));
  const tail = rest.length > 0 ? `还需 ${rest.join('、')} 确认。` : '该节点已全部完成。';
  return `✅ 已记录 ${outcome.sections.join('、')} 完成「${what}」。${tail}如有误，发送「撤销 ${occurrence.itemId}」。`;
}

export function describeUndo(outcome: UndoOutcome): string {
  const what = `${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}`;
  if (outcome.kind === 'refused') return outcome.message;
  if (outcome.kind === 'nothing') return `「${what}」还没有你所在科室的完成确认，无需撤销。`;
  return `↩️ 已撤销 ${outcome.sections.join('、')} 对「${what}」的完成确认。`;
}
