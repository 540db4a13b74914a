import { echo, escapeCardText, escapeMessageText } from '../text/user-text.js';
import type { Intent } from '../understand/intent.js';
import type { PlanItem } from '../understand/retrieval/plan-items.js';
import type { Understanding } from '../understand/understand.js';
import { button, card, markdown } from './cards/card.js';
import { clip } from './cards/format.js';
import { type Card, type CardElement, cardReply, type Reply, textReply } from './reply.js';

/**
 * The item a question is about, or the reply when there is none to answer about. By confidence:
 * high → the item; middle → the item, with the next two offered as buttons; low → one line and
 * up to three buttons, no answer; none → one line saying so.
 */
export type ItemChoice =
  | { kind: 'item'; item: PlanItem; others: PlanItem[] }
  | { kind: 'reply'; reply: Reply };

export function chooseItem(understood: Understanding, asked: string): ItemChoice {
  const { question, ranking } = understood;
  if (understood.missingItem)
    return miss(`没有编号为 ${understood.missingItem} 的任务。发送「进度」可以看到全部章节。`);
  const [best, ...rest] = ranking.hits;
  if (best && (ranking.confidence === 'high' || ranking.confidence === 'middle')) {
    const others = ranking.confidence === 'middle' ? rest.slice(0, 2).map((h) => h.item) : [];
    return { kind: 'item', item: best.item, others };
  }
  // The asker sees their own words back (escaped), not what the parser kept of them.
  const words = echo(asked);
  if (!question.topic)
    return miss('想问哪项工作？例如：「政金企 谁牵头」「8.4 什么时候截止」，或发编号「8.4」。');
  if (ranking.confidence === 'low')
    return {
      kind: 'reply',
      reply: cardReply(
        offerCard(
          `「${escapeCardText(words)}」没有确切对应的任务，是不是想问：`,
          ranking.hits.slice(0, 3).map((h) => h.item),
          question.intent,
          question.topic,
        ),
      ),
    };
  return miss(`没找到「${escapeMessageText(words)}」对应的任务。可以换个说法，或发「帮助」看能问什么。`);
}

function miss(text: string): ItemChoice {
  return { kind: 'reply', reply: textReply(text) };
}

/** A one-line card: the line, then a button per item (a click answers the same question about it). */
export function offerCard(line: string, items: PlanItem[], intent: Intent, topic: string): Card {
  return card('督办', 'grey', [markdown(line), ...itemButtons(items, intent, topic)]);
}

/** The answer's card with "也可能是" and a button for each other item the words fit. */
export function withOthers(answer: Card, others: PlanItem[], intent: Intent, topic: string): Card {
  if (others.length === 0) return answer;
  const elements = [...answer.body.elements, markdown('也可能是：'), ...itemButtons(others, intent, topic)];
  return { ...answer, body: { elements } };
}

/** Button value the card-action handler reads: {action: 'item', itemId, intent, topic}. */
export function itemButtons(items: PlanItem[], intent: Intent, topic: string): CardElement[] {
  return items.map((item) =>
    button(
      `${item.id} ${clip(item.title, 12)}`,
      { action: 'item', itemId: item.id, intent, topic: echo(topic) },
      'default',
    ),
  );
}
