import { chineseNumeral } from './import/normalize.js';

/**
 * Item references as people type them → the canonical item id (`8.4`), or null when `text` is not
 * one: `8.4`, `8-4`, `8．4`, `八（四）`, `八(四)`, `八.4`, `八、四`, `第八章第四项`, `第8章第4项`,
 * `第八章（四）`, `8.4项`. The whole text must be the reference, so "8.4亿元" is not one.
 */
export function parseItemRef(text: string): string | null {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  const m = REF.exec(compact);
  if (!m) return null;
  const [, chapterText, middle, open, itemText, close] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Two bare numbers need something between them, or "84" would read as 8.4.
  if (middle === '' && open === '') return null;
  if ((open === '') !== (close === '')) return null;
  const chapter = numberOf(chapterText);
  const item = numberOf(itemText);
  return chapter && item ? `${chapter}.${item}` : null;
}

// Bounded repeats keep the match linear on any input: no plan has a chapter or item past 999.
const NUM = '(\\d{1,3}|[〇零一二三四五六七八九十两]{1,4})';
const REF = new RegExp(`^第?${NUM}(章?[.\\-、·]?第?)(\\(?)${NUM}(\\)?)[项条]?$`);

/** Arabic digits or a Chinese numeral below 100 (十, 十二, 二十, 二十三); 0 when neither. */
function numberOf(text: string): number {
  return chineseNumeral(text) ?? 0;
}
