import { chineseNumeral } from '../plan/import/normalize.js';

/**
 * Item and chapter numbers anywhere in a question, however typed: 8.4, 8-4, 八.4, 五点一,
 * 八(四), 第八章第四项, 第8章第4项, 8.4/m1/2023 (an occurrence), 第五部分, 第三章, chapter 9.
 * Every pattern has bounded repeats, so a scan is linear in the text.
 */
export interface RefsInText {
  itemRef?: string;
  occurrenceId?: string;
  chapter?: number;
  /** [start, end) of every reference found, to be cut out of the topic. */
  spans: [number, number][];
}

const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const CN = '([一二三四五六七八九十]{1,3})';

const OCCURRENCE = /(?<![\d.])(\d{1,2}\.\d{1,2})\/(?:m\d{1,2}|deadline)\/\d{4}(?:-[a-z0-9]{1,3})?/g;
/** "8.4", "8-4"; not a date (2023-09-30), a decimal (13.43%) or an amount (8.4亿). */
const DOTTED = /(?<![\d./-])(\d{1,2}) ?[.-] ?(\d{1,2})(?![\d%亿万元个家倍年月日天号])/g;
/** "八.4", "五点一", "十.2": a Chinese chapter numeral, a separator, an item number. */
const CN_DOTTED = new RegExp(`${CN} ?(?:[.、-]|点) ?${NUM}(?![\\d%亿万元个家倍])`, 'g');
/** "八(四)", "三（三）". */
const BRACKETED = new RegExp(`${CN} ?\\( ?${NUM} ?\\)`, 'g');
/** "第八章第四项", "第8章第4项", "第八章（四）", "第八部分第四条". */
const CHAPTER_ITEM = new RegExp(`第${NUM}(?:章|部分|大项)的?第?\\(?${NUM}\\)?[项条点]?`, 'g');
const CHAPTER = new RegExp(`第${NUM}(?:章|部分|大项|大块|篇)|(?:chapter|part) ?(\\d{1,2})`, 'g');

/** `exists` tells whether an item id is in the plan: Chinese-numeral forms must name a real item. */
export function refsInText(text: string, exists: (itemId: string) => boolean): RefsInText {
  const found: RefsInText = { spans: [] };
  const take = (re: RegExp, read: (m: RegExpExecArray) => boolean) => {
    for (const m of text.matchAll(re)) {
      if (overlaps(found.spans, m.index, m.index + m[0].length)) continue;
      if (read(m as RegExpExecArray)) found.spans.push([m.index, m.index + m[0].length]);
    }
  };
  const item = (chapter: string, item: string, mustExist: boolean): string | undefined => {
    const c = chineseNumeral(chapter);
    const i = chineseNumeral(item);
    if (!c || !i) return undefined;
    const id = `${c}.${i}`;
    return mustExist && !exists(id) ? undefined : id;
  };
  const setItem = (id: string | undefined): boolean => {
    if (!id || found.itemRef) return false;
    found.itemRef = id;
    return true;
  };
  take(OCCURRENCE, (m) => {
    if (found.occurrenceId) return false;
    found.occurrenceId = m[0];
    return setItem(m[1]!);
  });
  take(CHAPTER_ITEM, (m) => setItem(item(m[1]!, m[2]!, false)));
  take(BRACKETED, (m) => setItem(item(m[1]!, m[2]!, true)));
  take(DOTTED, (m) => setItem(item(m[1]!, m[2]!, false)));
  take(CN_DOTTED, (m) => setItem(item(m[1]!, m[2]!, true)));
  take(CHAPTER, (m) => {
    const n = chineseNumeral(m[1] ?? m[2]!);
    if (!n || found.chapter !== undefined) return false;
    found.chapter = n;
    return true;
  });
  return found;
}

function overlaps(spans: [number, number][], start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && s < end);
}

/** The text with the spans blanked out, one space per unit, so later offsets still hold. */
export function cutSpans(text: string, spans: [number, number][]): string {
  const blank = Array.from({ length: text.length }, () => false);
  for (const [s, e] of spans) for (let i = s; i < e; i++) blank[i] = true;
  let out = '';
  for (let i = 0; i < text.length; i++) out += blank[i] ? ' ' : text[i];
  return out;
}
