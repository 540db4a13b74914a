/**
 * Text a chat member typed, made safe to show back. Lark reads markup in what the bot sends:
 * `<at id=all></at>` in a card would @ the whole group, `[点此领取](https://…)` would become a
 * link in a bot-authored card. Every piece of user text that reaches a card or a text reply goes
 * through one of these, at the place the card or reply is drawn.
 */

/** Longer echoes help nobody and could push a card over Lark's 30 KB limit. */
export const ECHO_CHARS = 40;

/** Characters card markdown gives a meaning to: written as numeric entities, shown as typed. */
const CARD_MARKUP = /[&<>*_~`[\]()#|\\!$:-]/g;

/** User text inside card markdown (JSON 2.0 `markdown` elements): no tags, links or emphasis. */
export function escapeCardText(text: string): string {
  return text.replace(CARD_MARKUP, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text messages do not decode entities, so the characters that start Lark's text markup
 * (`<at user_id="all">`, `[text](url)`) become their full-width twins: readable, inert.
 */
const TEXT_MARKUP: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］' };

export function escapeMessageText(text: string): string {
  return text.replace(/[<>[\]]/g, (c) => TEXT_MARKUP[c]!);
}

/** An echo of what was asked, one line, at most `max` characters. */
export function echo(text: string, max = ECHO_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max).join('')}…`;
}
