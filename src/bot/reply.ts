/** A Lark card, JSON 2.0. Kept as plain data: cards/ builds them, the outbox serialises them. */
export interface Card {
  schema: '2.0';
  config: { update_multi: true; wide_screen_mode?: boolean };
  header: { title: { tag: 'plain_text'; content: string }; template: CardTemplate };
  body: { elements: CardElement[] };
}

export type CardTemplate = 'blue' | 'green' | 'red' | 'orange' | 'grey' | 'turquoise';

export type CardElement =
  | { tag: 'markdown'; content: string }
  | { tag: 'hr' }
  | {
      tag: 'button';
      text: { tag: 'plain_text'; content: string };
      type: 'primary' | 'default' | 'danger';
      behaviors: { type: 'callback'; value: Record<string, unknown> }[];
    };

/** What the bot answers: a card, or plain text (which may carry <at user_id="…"></at> mentions). */
export type Reply = { kind: 'card'; card: Card } | { kind: 'text'; text: string };

/** What a card click answers within Lark's 3 s: a toast, and the card redrawn in place when it changed. */
export interface CardActionResult {
  toast: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: Card;
}

export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const cardReply = (card: Card): Reply => ({ kind: 'card', card });
