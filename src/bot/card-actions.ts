import type { OccurrenceView } from '../store/store.js';
import { INTENTS, type Intent, ITEM_INTENTS } from '../understand/intent.js';
import { knowledgeOf } from '../understand/knowledge.js';
import { choicesOf, noteOf, sectionOf, viewsOf } from './card-values.js';
import { type ChoicePurpose, choiceCard } from './cards/choice-card.js';
import { reminderCard } from './cards/reminder-card.js';
import {
  type ConfirmOutcome,
  confirmNotice,
  confirmOccurrence,
  describeConfirm,
  describeUndo,
  owes,
  undoOccurrence,
} from './confirmation.js';
import { type BotDeps, type CommandContext, commandContext } from './context.js';
import { evidenceClick } from './evidence-actions.js';
import type { CardAction, Inbound } from './inbound.js';
import { answerAboutItem, itemAnswerCard } from './item-answer.js';
import { normalizeCommandText } from './normalize.js';
import type { Card, CardActionResult } from './reply.js';
import { answer } from './router.js';
import { sendBackClick, verifyClick } from './verify-actions.js';

/**
 * Card button clicks: "标记完成" and the buttons of a question card (完成第N项, 全部完成,
 * 确认提前完成, 撤销第N项, 取消) change the ledger and redraw the card in place; page buttons redraw
 * the list at another page; an item button redraws the card as the answer about that item.
 * Answered within Lark's 3 s with a plain-text toast; Lark does not retry card callbacks.
 */
export async function handleCardAction(action: CardAction, deps: BotDeps): Promise<CardActionResult> {
  const ctx = commandContext(deps, asInbound(action));
  const value = action.value;
  if (value.action === 'confirm' && typeof value.occurrenceId === 'string') return confirmClick(ctx, action);
  if (value.action === 'confirm-all') return confirmAllClick(ctx, value);
  if (value.action === 'undo' && typeof value.occurrenceId === 'string') return undoClick(ctx, value);
  if (value.action === 'verify' && typeof value.occurrenceId === 'string') return verifyClick(ctx, value);
  if (value.action === 'evidence' && typeof value.occurrenceId === 'string') return evidenceClick(ctx, value);
  if (value.action === 'send-back' && typeof value.occurrenceId === 'string')
    return sendBackClick(ctx, value);
  if (value.action === 'cancel') {
    const card = await redrawChoice(ctx, value, true);
    return { toast: { type: 'info', content: '已取消，未作记录' }, ...(card ? { card } : {}) };
  }
  if (value.action === 'page' && typeof value.query === 'string' && typeof value.page === 'number') {
    const reply = await answer(ctx, {
      text: normalizeCommandText(value.query),
      raw: value.query,
      page: value.page,
    });
    return reply.kind === 'card'
      ? { toast: { type: 'info', content: `第 ${value.page} 页` }, card: reply.card }
      : { toast: { type: 'info', content: plain(reply.text) } };
  }
  if (value.action === 'item' && typeof value.itemId === 'string') return answerItemButton(ctx, value);
  return { toast: { type: 'error', content: '无法识别的操作' } };
}

/** A click on one occurrence's button names it: no early question. */
async function confirmClick(ctx: CommandContext, action: CardAction): Promise<CardActionResult> {
  const value = action.value;
  const occurrence = await ctx.deps.store.occurrence(value.occurrenceId as string);
  if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
  const outcome = await confirmOccurrence(ctx, occurrence, noteOf(value), 'button', sectionOf(value));
  const toast = describeConfirm(ctx, outcome, 'toast');
  if (outcome.kind === 'refused') return { toast: { type: 'warning', content: toast } };
  const card =
    value.view === 'reminder'
      ? await redrawReminder(ctx, action.messageId, occurrence, value.section)
      : value.view === 'item' && outcome.kind === 'confirmed'
        ? await redrawItem(ctx, occurrence.itemId, outcome)
        : await redrawChoice(ctx, value);
  return withNotices(
    {
      toast: { type: outcome.kind === 'confirmed' ? 'success' : 'info', content: toast },
      ...(card ? { card } : {}),
    },
    [outcome],
  );
}

/** 全部完成 on a which-one card: every candidate the clicker still owes. */
async function confirmAllClick(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<CardActionResult> {
  const section = sectionOf(value);
  const outcomes: ConfirmOutcome[] = [];
  for (const o of await choicesOf(ctx, value))
    if (owes(ctx, o, section))
      outcomes.push(await confirmOccurrence(ctx, o, noteOf(value), 'button', section));
  const card = await redrawChoice(ctx, value);
  const confirmed = outcomes.filter((o) => o.kind === 'confirmed');
  const refused = outcomes.find((o) => o.kind === 'refused');
  const toast =
    confirmed.length > 0
      ? { type: 'success' as const, content: `✅ 已记录 ${confirmed.length} 个节点完成` }
      : refused
        ? { type: 'warning' as const, content: describeConfirm(ctx, refused, 'toast') }
        : { type: 'info' as const, content: '这些节点都已确认，无需重复确认' };
  return withNotices({ toast, ...(card && !refused ? { card } : {}) }, outcomes);
}

async function undoClick(ctx: CommandContext, value: Record<string, unknown>): Promise<CardActionResult> {
  const occurrence = await ctx.deps.store.occurrence(value.occurrenceId as string);
  if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
  const outcome = await undoOccurrence(ctx, occurrence, 'button', sectionOf(value));
  const toast = describeUndo(ctx, outcome, 'toast');
  if (outcome.kind === 'refused') return { toast: { type: 'warning', content: toast } };
  const card = await redrawChoice(ctx, value);
  return {
    toast: { type: outcome.kind === 'undone' ? 'success' : 'info', content: toast },
    ...(card ? { card } : {}),
  };
}

function withNotices(result: CardActionResult, outcomes: ConfirmOutcome[]): CardActionResult {
  const notices = outcomes.map(confirmNotice).filter((n): n is string => n !== undefined);
  return notices.length > 0 ? { ...result, notices } : result;
}

/** {action: 'item', itemId, intent?, topic?}: the same question, answered about the chosen item. */
async function answerItemButton(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<CardActionResult> {
  const knowledge = knowledgeOf(ctx.config);
  const item = knowledge.index.byId.get(value.itemId as string);
  if (!item) return { toast: { type: 'error', content: '这项任务已不在计划中' } };
  const asked = INTENTS.find((i) => i === value.intent);
  const intent: Intent = asked && ITEM_INTENTS.has(asked) ? asked : 'item-detail';
  const topic = typeof value.topic === 'string' ? value.topic.slice(0, 80) : '';
  const card = await answerAboutItem(ctx, knowledge, intent, item, topic);
  return { toast: { type: 'info', content: `${item.id} ${item.title}` }, card };
}

async function redrawItem(
  ctx: CommandContext,
  itemId: string,
  outcome: { occurrence: OccurrenceView; sections: string[] },
): Promise<Card | undefined> {
  const item = knowledgeOf(ctx.config).index.byId.get(itemId);
  return item ? itemAnswerCard(ctx, item, outcome) : undefined;
}

/**
 * A reminder or digest redrawn from the ledger after a click: every occurrence the message
 * carries (remembered when it was sent), with who confirmed and when.
 */
async function redrawReminder(
  ctx: CommandContext,
  messageId: string,
  clicked: OccurrenceView,
  section: unknown,
): Promise<Card> {
  const ids = await ctx.deps.store.occurrencesForMessage(messageId);
  const occurrences = await viewsOf(ctx, ids.length > 0 ? ids : [clicked.id]);
  return reminderCard({
    section: typeof section === 'string' ? section : (clicked.leads[0] ?? ''),
    occurrences,
    today: ctx.today,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
    escalateAfterWorkdays: Math.max(1, ctx.config.reminders.overdue.escalate_after_workdays),
    groupMessages: ctx.config.reminders.group_messages,
  });
}

/** A question card (which one, early, undo) redrawn from the candidates its buttons carry. */
async function redrawChoice(
  ctx: CommandContext,
  value: Record<string, unknown>,
  cancelled = false,
): Promise<Card | undefined> {
  const purpose = (['which', 'early', 'undo'] as const).find((p): p is ChoicePurpose => p === value.view);
  if (!purpose) return undefined;
  const occurrences = await choicesOf(ctx, value);
  if (occurrences.length === 0) return undefined;
  return choiceCard({
    purpose,
    occurrences,
    section: sectionOf(value) ?? '',
    note: noteOf(value),
    today: ctx.today,
    groupMessages: ctx.config.reminders.group_messages,
    cancelled,
  });
}

/** Toasts are plain text: a mention becomes the name it stands for. */
function plain(text: string): string {
  return text.replace(/<at user_id="[^"]*">([^<]*)<\/at>/g, '$1');
}

/** A click carries no message of its own; commands see it as the operator speaking in that chat. */
function asInbound(action: CardAction): Inbound {
  return {
    eventId: `card:${action.messageId}`,
    messageId: action.messageId,
    chatId: action.chatId,
    chatType: 'group',
    sender: { openId: action.operatorOpenId, type: 'user' },
    text: '',
    mentions: [],
    mentionsBot: true,
    createTime: 0,
  };
}
