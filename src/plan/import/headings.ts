import { CN_NUMERAL, chineseNumeral, toHalfWidth } from './normalize.js';

/**
 * Heading lines of a 工作要点: chapters ("一、…", "第一部分 …") and items in one of three numbering
 * styles ("（一）…", "1.…", "（1）…"). Which style numbers items is decided per document: the first
 * numbered line under a chapter sets it, and lines in another style are points inside an item.
 */
export type ItemStyle = 'cn-paren' | 'arabic-dot' | 'arabic-paren';

export interface Heading {
  number: number;
  rest: string;
  /** Offset of `rest` in the original line. */
  restAt: number;
}

const CHAPTER = new RegExp(`^\\s*(?:第(${CN_NUMERAL})(?:部分|章|篇)|(${CN_NUMERAL})\\s*[、.．])\\s*`);
const ITEM: Record<ItemStyle, RegExp> = {
  'cn-paren': new RegExp(`^\\s*\\((${CN_NUMERAL})\\)\\s*`),
  'arabic-dot': /^\s*(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*/,
  'arabic-paren': /^\s*\((\d{1,2})\)\s*/,
};
export const ITEM_STYLES = Object.keys(ITEM) as ItemStyle[];

export function matchChapter(line: string): Heading | undefined {
  const m = CHAPTER.exec(toHalfWidth(line));
  if (!m) return undefined;
  const number = chineseNumeral(m[1] ?? m[2]!);
  return number === undefined || number === 0 ? undefined : heading(line, number, m[0].length);
}

export function matchItem(line: string, style: ItemStyle): Heading | undefined {
  const m = ITEM[style].exec(toHalfWidth(line));
  if (!m) return undefined;
  const number = chineseNumeral(m[1]!);
  return number === undefined || number === 0 ? undefined : heading(line, number, m[0].length);
}

/** The item style a line is numbered in, if any. */
export function itemStyleOf(line: string): ItemStyle | undefined {
  return ITEM_STYLES.find((style) => matchItem(line, style) !== undefined);
}

function heading(line: string, number: number, restAt: number): Heading {
  return { number, rest: line.slice(restAt).trim(), restAt };
}
