import type { RecordedMessage } from '../../src/emulator/state.js';

/** A button's callback value, as the bot put it on a card. */
export type ButtonValue = Record<string, unknown>;

interface CardContent {
  text?: string;
  header?: { title: { content: string } };
  body?: {
    elements: {
      tag: string;
      content?: string;
      text?: { content: string };
      behaviors?: { value: ButtonValue }[];
    }[];
  };
}

/** What a reader sees: a text, or a card's title, markdown, button labels ([…]) and rules (---). */
export function visible(message: RecordedMessage | { content: unknown }): string {
  const content = message.content as CardContent;
  if (typeof content.text === 'string') return content.text;
  const parts = (content.body?.elements ?? []).map((e) =>
    e.tag === 'markdown' ? (e.content ?? '') : e.tag === 'button' ? `[${e.text?.content}]` : '---',
  );
  return [content.header?.title.content ?? '', ...parts].join('\n');
}

/** The callback values of a card's buttons, in card order. */
export function buttonValues(message: { content: unknown }): ButtonValue[] {
  const content = message.content as CardContent;
  return (content.body?.elements ?? []).flatMap((e) => (e.tag === 'button' ? [e.behaviors![0]!.value] : []));
}
