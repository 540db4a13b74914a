import type { Card, CardElement, CardTemplate } from '../reply.js';

/** Builders for Lark JSON 2.0 cards: only the elements duban uses, so every card validates. */

export function card(title: string, template: CardTemplate, elements: CardElement[]): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template },
    body: { elements },
  };
}

export const markdown = (content: string): CardElement => ({ tag: 'markdown', content });

export const divider = (): CardElement => ({ tag: 'hr' });

export function button(
  text: string,
  value: Record<string, unknown>,
  type: 'primary' | 'default' | 'danger' = 'primary',
): CardElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    behaviors: [{ type: 'callback', value }],
  };
}

/** Lark rejects cards over 30 KB; lists are cut into pages well below it. */
export const CARD_BYTE_LIMIT = 30 * 1024;

export function cardBytes(value: Card): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
