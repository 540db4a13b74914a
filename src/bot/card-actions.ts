import type { OccurrenceView } from '../store/store.js';
import { INTENTS, type Intent, ITEM_INTENTS } from '../understand/intent.js';
import { knowledgeOf } from '../understand/knowledge.js';
import { reminderCard } from './cards/reminder-card.js';
import { confirmOccurrence, describeConfirm } from './confirmation.js';
import { type BotDeps, type CommandContext, commandContext } from './context.js';
import type { CardAction, Inbound } from './inbound.js';
import { answerAboutItem, itemAnswerCard } from './item-answer.js';
import { normalizeCommandText } from './normalize.js';
import type { Card, CardActionResult } from './reply.js';
import { answer } from './router.js';

/**
 * Card button clicks: "标记完成" confirms and redraws the card in place; page buttons redraw the
 * list at another page; an item button (offered beside an answer, or for a question that matched
 * loosely) redraws the card as the answer about that item. Answered within Lark's 3 s; Lark does
 * not retry card callbacks.
 */
export async function handleCardAction(action: CardAction, deps: BotDeps): Promise<CardActionResult> {
  const ctx = commandContext(deps, asInbound(action));
  const value = action.value;
  if (value.action === 'confirm' && typeof value.occurrenceId === 'string') {
    const occurrence = await deps.store.occurrence(value.occurrenceId);
    if (!occurrence) return { toast: { type: 'error', content: '这个节点已不在计划中' } };
    const outcome = await confirmOccurrence(ctx, occurrence, '', 'button');
    const toast = describeConfirm(outcome);
    if (outcome.kind === 'refused') return { toast: { type: 'warning', content: toast } };
    const card =
      value.view === 'reminder'
        ? await redrawReminder(ctx, action.messageId, occurrence, value.section)
        : value.view === 'item' && outcome.kind === 'confirmed'
          ? await redrawItem(ctx, occurrence.itemId, outcome)
          : undefined;
    return {
      toast: { type: outcome.kind === 'confirmed' ? 'success' : 'info', content: toast },
      ...(card ? { card } : {}),
    };
  }
  if (value.action === 'page' && typeof value.query === 'string' && typeof value.page === 'number') {
    const reply = await answer(ctx, {
      text: normalizeCommandText(value.query),
      raw: value.query,
      page: value.page,
    });
    return reply.kind === 'card'
      ? { toast: { type: 'info', content: `第 ${value.page} 页` }, card: reply.card }
      : { toast: { type: 'info', content: reply.text } };
  }
  if (value.action === 'item' && typeof value.itemId === 'string') return answerItemButton(ctx, value);
  return { toast: { type: 'error', content: '无法识别的操作' } };
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
  const views = await Promise.all(
    (ids.length > 0 ? ids : [clicked.id]).map((id) => ctx.deps.store.occurrence(id)),
  );
  const occurrences = views.filter((o): o is OccurrenceView => o !== null);
  return reminderCard({
    section: typeof section === 'string' ? section : (clicked.leads[0] ?? ''),
    occurrences,
    today: ctx.today,
    timeZone: ctx.config.reminders.timezone,
    org: ctx.config.org,
    escalateAfterWorkdays: Math.max(1, ctx.config.reminders.overdue.escalate_after_workdays),
  });
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
