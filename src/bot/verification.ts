import type { Person } from '../config/org-schema.js';
import { findSection } from '../config/sections.js';
import type { ConfirmSource, OccurrenceView } from '../store/store.js';
import { echo, escapeCardText, escapeMessageText } from '../text/user-text.js';
import { personName } from './actor.js';
import { occurrenceLine } from './cards/format.js';
import { mentionInText } from './cards/mention.js';
import type { Voice } from './confirmation.js';
import type { CommandContext } from './context.js';

/**
 * 销号 and 退回, shared by the text commands and the verification card's buttons. Only duban's
 * admins (org.yaml `admins`) may do either, and only where reminders.yaml says `require_verify:
 * true` — without it a section's confirmation is the end of the matter. Every stored change is
 * told to `deps.onLedgerChange`: the App redraws the cards showing it and, on a 退回, tells the
 * sections' heads the reason.
 */
export type VerifyOutcome =
  | { kind: 'verified' | 'already' | 'not-done'; occurrence: OccurrenceView }
  | { kind: 'refused'; occurrence: OccurrenceView };

export type SendBackOutcome =
  | { kind: 'sent-back'; occurrence: OccurrenceView; sections: string[]; reason: string }
  | { kind: 'nothing' | 'refused'; occurrence: OccurrenceView };

/** Said when 销号 is asked for but not switched on. */
export const VERIFY_OFF =
  '本年度计划未启用销号：科室确认完成即计为完成。如需管理员销号，请在 reminders.yaml 设置 require_verify: true。';

export function mayVerify(ctx: CommandContext): boolean {
  return ctx.senderIsAdmin;
}

/** The refusal, naming who may: "只有督办管理员（周婷、吴敏）可以销号。" */
export function verifyRefusal(ctx: CommandContext, verb: '销号' | '退回'): string {
  const admins = ctx.config.org.admins.map((a) => a.name).join('、');
  return `抱歉，只有督办管理员${admins ? `（${admins}）` : ''}可以${verb}。`;
}

/** Confirmed by every lead section and not yet verified: what waits for 销号. */
export function awaitingVerification(occurrence: OccurrenceView): boolean {
  return occurrence.status === 'done';
}

export async function verifyOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  source: ConfirmSource,
): Promise<VerifyOutcome> {
  if (!mayVerify(ctx)) return { kind: 'refused', occurrence };
  const result = await ctx.deps.store.verify(occurrence.id, ctx.inbound.sender.openId, '', source);
  if (result.status === 'verified')
    ctx.deps.onLedgerChange?.({ occurrenceId: occurrence.id, action: 'verify', sections: [] });
  return { kind: result.status, occurrence: result.occurrence };
}

export async function sendBackOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  reason: string,
  source: ConfirmSource,
): Promise<SendBackOutcome> {
  if (!mayVerify(ctx)) return { kind: 'refused', occurrence };
  const result = await ctx.deps.store.sendBack(occurrence.id, ctx.inbound.sender.openId, reason, source);
  if (result.status === 'not-confirmed') return { kind: 'nothing', occurrence: result.occurrence };
  ctx.deps.onLedgerChange?.({
    occurrenceId: occurrence.id,
    action: 'return',
    sections: result.sections,
    reason,
    by: ctx.inbound.sender.openId,
  });
  return { kind: 'sent-back', occurrence: result.occurrence, sections: result.sections, reason };
}

export function describeVerify(ctx: CommandContext, outcome: VerifyOutcome, voice: Voice = 'text'): string {
  const what = `「${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}」`;
  if (outcome.kind === 'refused') return verifyRefusal(ctx, '销号');
  if (outcome.kind === 'already') return `${what}已销号，无需重复。`;
  if (outcome.kind === 'not-done') {
    const rest = outcome.occurrence.leads.filter(
      (s) => !outcome.occurrence.confirmations.some((c) => c.section === s),
    );
    return `${what}还不能销号：${rest.join('、')} 尚未确认完成。`;
  }
  const back = voice === 'toast' ? '' : `如需退回，发「退回 ${outcome.occurrence.itemId} 原因」。`;
  return `☑️ 已销号${what}，计为完成。${back}`;
}

export function describeSendBack(
  ctx: CommandContext,
  outcome: SendBackOutcome,
  voice: Voice = 'text',
): string {
  const what = `「${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}」`;
  if (outcome.kind !== 'sent-back')
    return outcome.kind === 'refused' ? verifyRefusal(ctx, '退回') : `${what}还没有科室确认完成，无需退回。`;
  const reason = inert(echo(outcome.reason, 80), voice);
  return `↩️ 已退回${what}，原因：${reason}。已转告 ${outcome.sections.join('、')}，提醒将照常发送。`;
}

/**
 * Said in each section's chat after a 退回, to its head: who sent what back, why, and what to do.
 * Text (not a card): the head is @-mentioned so it reaches them.
 */
export function sendBackNotice(
  occurrence: OccurrenceView,
  section: string,
  reason: string,
  byOpenId: string,
  ctx: Pick<CommandContext, 'config'>,
): string {
  const org = ctx.config.org;
  const by = personName(byOpenId, org) ?? '督办管理员';
  const head: Person | undefined = findSection(section, org)?.head;
  const whom = head ? `${mentionInText(head)} ` : '';
  const what = `${occurrence.itemId} ${occurrenceLine(occurrence)}`;
  return (
    `↩️ ${whom}督办管理员 ${by} 退回了 ${section} 的「${what}」，` +
    `原因：${escapeMessageText(echo(reason, 200))}。请补充办理后再次回复「已完成」。`
  );
}

function inert(text: string, voice: Voice): string {
  if (voice === 'text') return escapeMessageText(text);
  return voice === 'card' ? escapeCardText(text) : text;
}
