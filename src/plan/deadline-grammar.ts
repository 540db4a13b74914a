import { isRealDate, lastDayOfMonth, localDate } from './dates.js';
import { CN_NUMERAL, chineseNumeral } from './import/normalize.js';
import type { LocalDate, Recurrence } from './types.js';

/**
 * The deadline grammar of 工作要点 documents: the phrases that make a date or a recurrence.
 * Works on half-width text (see toHalfWidth). Each match reports where it stands so the caller can
 * keep the clause around it.
 */
export interface DatePhrase {
  index: number;
  length: number;
  due: LocalDate | null;
  every: Recurrence | null;
  /** "每月10日前": the day of the month it is due by. */
  day?: number;
  /** The year the phrase names explicitly ("2024年3月底前"), when it names one. */
  explicitYear?: number;
}

const MONTH = `(\\d{1,2}|${CN_NUMERAL})`;
const DAY_OF_MONTH = `(?:(底|末|上旬|中旬|下旬)|(\\d{1,2}|${CN_NUMERAL})[日号])`;
const BEFORE = '(?:前|之前|以前)?';

interface Rule {
  pattern: RegExp;
  toPhrase(m: RegExpExecArray, year: number): Omit<DatePhrase, 'index' | 'length'> | undefined;
}

const RULES: Rule[] = [
  {
    // 3月底前, 6月30日前, 10月15日前, 2024年3月底, 十一月底前, 9月下旬
    pattern: new RegExp(`(?:(\\d{4})年)?${MONTH}月份?${DAY_OF_MONTH}${BEFORE}`, 'g'),
    toPhrase(m, year) {
      const explicitYear = m[1] ? Number(m[1]) : undefined;
      const y = explicitYear ?? year;
      const month = chineseNumeral(m[2]!);
      if (month === undefined || month < 1 || month > 12) return undefined;
      const day = m[4] ? chineseNumeral(m[4]) : dayForPart(m[3]!, y, month);
      if (day === undefined || !isRealDate(y, month, day)) return undefined;
      return { due: localDate(y, month, day), every: null, ...(explicitYear ? { explicitYear } : {}) };
    },
  },
  {
    // 2023-12-31, 2023.12.31, 2023/12/31 (as deadline fields are sometimes written)
    pattern: /(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g,
    toPhrase(m) {
      const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!isRealDate(y, month, day)) return undefined;
      return { due: localDate(y, month, day), every: null, explicitYear: y };
    },
  },
  {
    // 年底前, 年末, 年内, 2023年底前
    pattern:
      /(?:(\d{4})年|(?<![每全当上下半今明去\d一二三四五六七八九十两])年)(?:底|末|内)(?:前|之前|以前)?/g,
    toPhrase(m, year) {
      const explicitYear = m[1] ? Number(m[1]) : undefined;
      return {
        due: localDate(explicitYear ?? year, 12, 31),
        every: null,
        ...(explicitYear ? { explicitYear } : {}),
      };
    },
  },
  {
    // 上半年前 / 上半年内: by the end of June
    pattern: /上半年(?:底)?(?:前|内)/g,
    toPhrase: (_m, year) => ({ due: localDate(year, 6, 30), every: null }),
  },
  {
    // 每月10日前: monthly, by the 10th
    pattern: new RegExp(`(?:每月|每个月)(\\d{1,2}|${CN_NUMERAL})[日号]${BEFORE}`, 'g'),
    toPhrase(m) {
      const day = chineseNumeral(m[1]!);
      if (day === undefined || day < 1 || day > 31) return undefined;
      return { due: null, every: 'month', day };
    },
  },
  { pattern: /按月|每月|每个月|逐月/g, toPhrase: () => ({ due: null, every: 'month' }) },
  { pattern: /每季度末?|每个季度|按季度?|逐季/g, toPhrase: () => ({ due: null, every: 'quarter' }) },
  { pattern: /每半年度?/g, toPhrase: () => ({ due: null, every: 'half-year' }) },
  { pattern: /每年度?/g, toPhrase: () => ({ due: null, every: 'year' }) },
  // Ongoing work: tracked, never due.
  { pattern: /长期坚持|持续推进/g, toPhrase: () => ({ due: null, every: null }) },
];

function dayForPart(part: string, year: number, month: number): number {
  if (part === '上旬') return 10;
  if (part === '中旬') return 20;
  return lastDayOfMonth(year, month);
}

/** Every date or recurrence phrase in `text`, in order; overlapping matches keep the earlier, longer one. */
export function findDatePhrases(text: string, year: number): DatePhrase[] {
  const found: DatePhrase[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) {
      const phrase = rule.toPhrase(m, year);
      if (phrase) found.push({ index: m.index, length: m[0].length, ...phrase });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: DatePhrase[] = [];
  for (const phrase of found) {
    const last = kept.at(-1);
    if (!last || phrase.index >= last.index + last.length) kept.push(phrase);
  }
  return kept;
}

/** "至少1次", "不少于2次" in a clause: how many times per period. */
export function findCount(clause: string): number | undefined {
  const m = new RegExp(`(?:至少|不少于|不低于)(\\d+|${CN_NUMERAL})次`).exec(clause);
  return m ? chineseNumeral(m[1]!) : undefined;
}
