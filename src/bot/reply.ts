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
    }
  /** An uploaded image (im/v1/images → image_key), e.g. the progress chart. */
  | {
      tag: 'img';
      img_key: string;
      alt: { tag: 'plain_text'; content: string };
      scale_type: 'crop_center' | 'crop_top' | 'fit_horizontal';
    };

/**
 * What the bot answers: a card, or plain text (which may carry <at user_id="…"></at> mentions).
 * A card that shows ledger state says so in `live`: once sent, it is redrawn whenever what it
 * shows changes (app/live-cards.ts), and a reply to it aims at what it shows.
 */
export type Reply = { kind: 'card'; card: Card; live?: LiveCard } | { kind: 'text'; text: string };

/** How to draw a card again from the ledger: its view, the section it speaks to, the note it carries. */
export interface LiveView {
  view: 'reminder' | 'escalation' | 'which' | 'verify';
  /** The section the card is addressed to; '' when none (leadership, an admin's choice). */
  section: string;
  /** A reply's note the card's buttons carry on. */
  note?: string;
}

export interface LiveCard extends LiveView {
  /** What the card shows, in card order (its line numbers). */
  occurrenceIds: string[];
}

/**
 * What a card click answers within Lark's 3 s: a toast (plain text: Lark shows no markup there),
 * and the card redrawn in place when it changed. `notices` are said in the card's thread after
 * the answer (a section head told that someone confirmed for the section); Lark never sees them.
 */
export interface CardActionResult {
  toast: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: Card;
  notices?: string[];
}

export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const cardReply = (card: Card): Reply => ({ kind: 'card', card });
