import type { CardAction } from '../../bot/inbound.js';

export type NormalisedCardAction =
  | { ok: true; eventId?: string; action: CardAction }
  | { ok: false; reason: string };

/** `card.action.trigger` (flattened by the dispatcher) → the bot's CardAction. */
export function normaliseCardAction(data: unknown): NormalisedCardAction {
  const event = asRecord(data);
  const operator = asRecord(event.operator).open_id;
  const context = asRecord(event.context);
  const rawValue = asRecord(event.action).value;
  // Older card JSON delivers the button value as a JSON string.
  const value = typeof rawValue === 'string' ? parseObject(rawValue) : asRecord(rawValue);
  if (typeof operator !== 'string' || typeof context.open_message_id !== 'string')
    return { ok: false, reason: 'card action without operator or message id' };
  return {
    ok: true,
    ...(typeof event.event_id === 'string' ? { eventId: event.event_id } : {}),
    action: {
      operatorOpenId: operator,
      value,
      messageId: context.open_message_id,
      chatId: typeof context.open_chat_id === 'string' ? context.open_chat_id : '',
    },
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return {};
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
