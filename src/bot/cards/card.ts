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

/** An image uploaded with im/v1/images, shown whole at the card's width; `alt` is its hover text. */
export const image = (imgKey: string, alt: string): CardElement => ({
  tag: 'img',
  img_key: imgKey,
  alt: { tag: 'plain_text', content: alt },
  // Lark's default crops to the element's size; a chart is read whole.
  scale_type: 'fit_horizontal',
});

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

const CUT_NOTE = '…（内容过长，已截断）';

/**
 * The card as it can be sent: unchanged when under Lark's limit, else its longest markdown
 * shortened, element by element, until it fits, with a note saying so. Buttons are kept (they
 * are what a reader acts on); Lark would refuse the whole card (230025) rather than cut it.
 */
export function fitCard(value: Card, limit = CARD_BYTE_LIMIT): Card {
  if (cardBytes(value) <= limit) return value;
  const elements = value.body.elements.map((e) => ({ ...e }));
  const fitted: Card = { ...value, body: { elements } };
  for (;;) {
    const over = cardBytes(fitted) - limit;
    if (over <= 0) return fitted;
    const longest = elements
      .map((e, index) => ({ e, index }))
      .filter((x): x is { e: { tag: 'markdown'; content: string }; index: number } => x.e.tag === 'markdown')
      .sort((a, b) => b.e.content.length - a.e.content.length)[0];
    if (!longest || longest.e.content.length <= CUT_NOTE.length) {
      // Nothing left to shorten: keep the header and say the answer did not fit.
      return { ...value, body: { elements: [markdown(`回复内容过长，无法在一张卡片中显示。${CUT_NOTE}`)] } };
    }
    const content = longest.e.content;
    // Cut by characters, at least the excess (JSON may escape a character into several bytes).
    const keep = Math.max(0, Array.from(content).length - Math.ceil(over / 2) - CUT_NOTE.length - 16);
    elements[longest.index] = markdown(`${Array.from(content).slice(0, keep).join('')}${CUT_NOTE}`);
  }
}
