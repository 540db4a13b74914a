import type { Person } from '../config/org-schema.js';
import { whoCanConfirm } from '../config/sections.js';
import type { ConfirmSource, OccurrenceView } from '../store/store.js';
import { echo, escapeCardText, escapeMessageText } from '../text/user-text.js';
import { type Actor, actorFor } from './actor.js';
import { occurrenceLine, planText, replyPhrase, shortDate } from './cards/format.js';
import { mentionInCard, mentionInText } from './cards/mention.js';
import type { CommandContext } from './context.js';

/**
 * Confirming and undoing, shared by "完成 8.4", a reply 已完成 to a reminder and the card buttons.
 * Only the lead section's head or deputies, or an admin, may confirm; a head confirms for their
 * own section(s), an admin for the section whose card they answer, else for every lead section
 * that has not confirmed yet. Every stored change is told to `deps.onLedgerChange`.
 */
export type ConfirmOutcome =
  | { kind: 'confirmed'; occurrence: OccurrenceView; sections: string[]; note: string; actor: Actor }
  | { kind: 'already'; occurrence: OccurrenceView; sections: string[] }
  | { kind: 'refused'; occurrence: OccurrenceView };

/**
 * Where the words go: a text reply (mentions as <at user_id>), card markdown (<at id>, user text
 * escaped as card markup), or a toast — plain text, Lark shows no markup there.
 */
export type Voice = 'text' | 'card' | 'toast';

/** The lead sections of `occurrence` the sender may act for; `cardSection`: whom the card addressed. */
export function sectionsFor(ctx: CommandContext, occurrence: OccurrenceView, cardSection?: string): string[] {
  const own = occurrence.leads.filter((s) => ctx.senderSections.includes(s));
  if (own.length > 0 || !ctx.senderIsAdmin) return own;
  if (cardSection && occurrence.leads.includes(cardSection)) return [cardSection];
  return occurrence.leads;
}

/** Whether the sender still owes a confirmation on `occurrence` for a section they may act for. */
export function owes(ctx: CommandContext, occurrence: OccurrenceView, cardSection?: string): boolean {
  return sectionsFor(ctx, occurrence, cardSection).some((s) => !confirmedBy(occurrence, s));
}

/** Whether one of the sections the sender may act for has confirmed `occurrence`. */
export function hasConfirmed(ctx: CommandContext, occurrence: OccurrenceView, cardSection?: string): boolean {
  return sectionsFor(ctx, occurrence, cardSection).some((s) => confirmedBy(occurrence, s));
}

export function confirmedBy(occurrence: OccurrenceView, section: string): boolean {
  return occurrence.confirmations.some((c) => c.section === section);
}

export async function confirmOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  note: string,
  source: ConfirmSource,
  cardSection?: string,
): Promise<ConfirmOutcome> {
  const sections = sectionsFor(ctx, occurrence, cardSection);
  if (sections.length === 0) return { kind: 'refused', occurrence };
  const pending = sections.filter((s) => !confirmedBy(occurrence, s));
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
  if (confirmed.length === 0) return { kind: 'already', occurrence: latest, sections };
  ctx.deps.onLedgerChange?.({ occurrenceId: occurrence.id, action: 'confirm', sections: confirmed });
  const actor = actorFor(ctx.inbound.sender.openId, confirmed, ctx.config.org);
  return { kind: 'confirmed', occurrence: latest, sections: confirmed, note, actor };
}

export type UndoOutcome =
  | { kind: 'undone' | 'nothing'; occurrence: OccurrenceView; sections: string[] }
  | { kind: 'refused'; occurrence: OccurrenceView };

export async function undoOccurrence(
  ctx: CommandContext,
  occurrence: OccurrenceView,
  source: ConfirmSource,
  cardSection?: string,
): Promise<UndoOutcome> {
  const mine = sectionsFor(ctx, occurrence, cardSection);
  if (mine.length === 0) return { kind: 'refused', occurrence };
  const sections = mine.filter((s) => confirmedBy(occurrence, s));
  let latest = occurrence;
  for (const section of sections) {
    latest = (await ctx.deps.store.undo(occurrence.id, section, ctx.inbound.sender.openId, '', source))
      .occurrence;
  }
  if (sections.length > 0)
    ctx.deps.onLedgerChange?.({ occurrenceId: occurrence.id, action: 'undo', sections });
  return { kind: sections.length > 0 ? 'undone' : 'nothing', occurrence: latest, sections };
}

/**
 * "只有 监督科 的 李四、王五 或管理员可以确认 8.4 …": names who can, so the asker knows whom to
 * tell. Several occurrences (a reply to a digest) are "这条提醒里的工作".
 */
export function refusal(
  ctx: CommandContext,
  occurrences: OccurrenceView | OccurrenceView[],
  verb = '确认',
  voice: Voice = 'text',
): string {
  const list = Array.isArray(occurrences) ? occurrences : [occurrences];
  const sections = [...new Set(list.flatMap((o) => o.leads))];
  const who = sections
    .map((section) => {
      const people = whoCanConfirm(section, ctx.config.org).map(personIn(voice)).join('、');
      return people ? `${section}的${people}` : section;
    })
    .join('，');
  const line = list.length === 1 ? occurrenceLine(list[0]!) : '';
  const what =
    list.length === 1
      ? `「${list[0]!.itemId} ${voice === 'card' ? planText(line) : line}」`
      : '这条提醒里的工作';
  return `抱歉，只有${who}或督办管理员可以${verb}${what}。`;
}

/** One line for the chat: what happened, for which sections, who acted, the note, and how to take it back. */
export function describeConfirm(ctx: CommandContext, outcome: ConfirmOutcome, voice: Voice = 'text'): string {
  const line = occurrenceLine(outcome.occurrence);
  const what = `${outcome.occurrence.itemId} ${voice === 'card' ? planText(line) : line}`;
  if (outcome.kind === 'refused') return refusal(ctx, outcome.occurrence, '确认', voice);
  if (outcome.kind === 'already')
    return `「${what}」${outcome.sections.join('、')} 之前已确认完成，无需重复确认。`;
  const occurrence = outcome.occurrence;
  const rest = occurrence.leads.filter((s) => !confirmedBy(occurrence, s));
  const tail =
    rest.length > 0
      ? `还需 ${rest.join('、')} 确认。`
      : ctx.config.reminders.require_verify
        ? '该节点已全部确认，待督办管理员销号。'
        : '该节点已全部完成。';
  const by = outcome.actor.phrase ? `（${outcome.actor.phrase} 确认）` : '';
  const told =
    voice !== 'toast' && outcome.actor.tell.length > 0
      ? `请 ${outcome.actor.tell.map(personIn(voice)).join(' ')} 知悉。`
      : '';
  const back =
    voice === 'toast'
      ? `如有误，发「撤销 ${occurrence.itemId} ${shortDate(occurrence.due)}」。`
      : `如有误，${replyPhrase(ctx.config.reminders.group_messages, '撤销')}。`;
  return `✅ 已记录 ${outcome.sections.join('、')} 完成「${what}」${by}。${noteLine(outcome.note, voice)}${tail}${told}${back}`;
}

/**
 * Said in a card's thread when someone other than the section's head confirmed by button: the
 * toast reaches only the clicker, so the head hears it here.
 */
export function confirmNotice(outcome: ConfirmOutcome): string | undefined {
  if (outcome.kind !== 'confirmed' || !outcome.actor.phrase || outcome.actor.tell.length === 0)
    return undefined;
  const what = `${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}`;
  return `✅ ${outcome.actor.phrase} 确认完成「${what}」。${noteLine(outcome.note, 'text')}请 ${outcome.actor.tell
    .map(mentionInText)
    .join(' ')} 知悉。`;
}

export function describeUndo(ctx: CommandContext, outcome: UndoOutcome, voice: Voice = 'text'): string {
  const what = `${outcome.occurrence.itemId} ${occurrenceLine(outcome.occurrence)}`;
  if (outcome.kind === 'refused') return refusal(ctx, outcome.occurrence, '撤销', voice);
  if (outcome.kind === 'nothing') return `「${what}」还没有你所在科室的完成确认，无需撤销。`;
  return `↩️ 已撤销 ${outcome.sections.join('、')} 对「${what}」的完成确认，提醒将照常发送。`;
}

/** "备注：报告已报送。" — the note as typed, one line, inert. */
function noteLine(note: string, voice: Voice): string {
  if (note === '') return '';
  const line = echo(note, 60);
  const inert = voice === 'text' ? escapeMessageText(line) : voice === 'card' ? escapeCardText(line) : line;
  return `备注：${inert}。`;
}

function personIn(voice: Voice): (person: Person) => string {
  if (voice === 'text') return mentionInText;
  return voice === 'card' ? mentionInCard : (person) => person.name;
}
