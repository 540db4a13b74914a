import { fitCard } from '../bot/cards/card.js';
import type { Inbound } from '../bot/inbound.js';
import type { Reply } from '../bot/reply.js';
import type { Outbox } from '../lark/outbox.js';
import type { OutgoingReminder } from '../reminders/outgoing.js';

/**
 * The bot's answer goes back as a Lark reply to the message that asked. Its key is the asking
 * message (and what the reply is: the answer or an apology), so a replica that handles a
 * redelivered event sends the same uuid and Lark drops it.
 */
export async function deliverReply(
  outbox: Outbox,
  inbound: Pick<Inbound, 'messageId' | 'chatId'>,
  reply: Reply,
  purpose: 'reply' | 'apology' = 'reply',
): Promise<string> {
  const { messageId } = await outbox.reply({
    messageId: inbound.messageId,
    chatId: inbound.chatId,
    ...(reply.kind === 'card'
      ? { msgType: 'interactive' as const, content: JSON.stringify(fitCard(reply.card)) }
      : { msgType: 'text' as const, content: { text: reply.text } }),
    key: `${purpose}:${inbound.messageId}`,
  });
  return messageId;
}

/** Reminders go out as new messages in the section's (or leadership's) chat. */
export async function deliverReminder(
  outbox: Outbox,
  message: OutgoingReminder,
): Promise<{ messageId: string }> {
  return outbox.send({
    chatId: message.chatId,
    msgType: 'interactive',
    content: JSON.stringify(fitCard(message.card)),
    key: message.key,
  });
}
