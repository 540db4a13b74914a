import { confirmOccurrence, describeConfirm } from './confirmation.js';
import { type BotDeps, commandContext } from './context.js';
import type { CardAction, Inbound } from './inbound.js';
import { itemAnswerCard } from './item-answer.js';
import { normalizeCommandText } from './normalize.js';
import type { CardActionResult } from './reply.js';
import { answer } from './router.js';

/**
 * Card button clicks: "标记完成" confirms and redraws the card in place; page buttons redraw the
 * list at another page. Answered within Lark's 3 s; Lark does not retry card callbacks.
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
    const item = await deps.store.item(occurrence.itemId);
    const card =
      value.view === 'item' && item && outcome.kind === 'confirmed'
        ? await itemAnswerCard(ctx, item, { occurrence: outcome.occurrence, sections: outcome.sections })
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
  return { toast: { type: 'error', content: '无法识别的操作' } };
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
    createTime: 0,
  };
}
