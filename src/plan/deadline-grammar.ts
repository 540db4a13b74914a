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
  /**
   * Read only in a 完成时限 value, where every phrase is a time: in task text "2025年" or "常态化"
   * is usually context ("到2025年，…", "常态化开展约谈"), not a deadline.
   */
  fieldOnly?: true;
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
    // 上半年 / 下半年 / 2024年下半年: the half's last day
    pattern: /(?:(\d{4})年)?(上|下)半年(?:底|末)?(?:前|内|之前)?/g,
    fieldOnly: true,
    toPhrase: (m, year) =>
      withYear(m[1], year, (y) => localDate(y, m[2] === '上' ? 6 : 12, m[2] === '上' ? 30 : 31)),
  },
  {
    // 三季度, 第三季度末, 2023年第4季度前: the quarter's last day (每季度 is a recurrence, below)
    pattern: /(?:(\d{4})年)?(?<!每)第?([一二三四1-4])季度(?:末|底)?(?:前|之前|以前)?/g,
    toPhrase(m, year) {
      const quarter = chineseNumeral(m[2]!)!;
      return withYear(m[1], year, (y) => localDate(y, quarter * 3, lastDayOfMonth(y, quarter * 3)));
    },
  },
  {
    // 每年3月, 每年6月底前: in a one-year plan, that month of the plan year
    pattern: new RegExp(`每年${MONTH}月份?${DAY_OF_MONTH}?${BEFORE}`, 'g'),
    toPhrase(m, year) {
      const month = chineseNumeral(m[1]!);
      if (month === undefined || month < 1 || month > 12) return undefined;
      const day = m[3]
        ? chineseNumeral(m[3])
        : m[2]
          ? dayForPart(m[2], year, month)
          : lastDayOfMonth(year, month);
      if (day === undefined || !isRealDate(year, month, day)) return undefined;
      return { due: localDate(year, month, day), every: null };
    },
  },
  {
    // 9月投入使用, 10月建成, 2023年12月: a month and what happens then, due at its end
    pattern: new RegExp(`(?:(\\d{4})年)?(?<!\\d)${MONTH}月份?(?![底末上中下旬\\d日号])`, 'g'),
    fieldOnly: true,
    toPhrase(m, year) {
      const month = chineseNumeral(m[2]!);
      if (month === undefined || month < 1 || month > 12) return undefined;
      return withYear(m[1], year, (y) => localDate(y, month, lastDayOfMonth(y, month)));
    },
  },
  {
    // 2023—2025年, 2023-2025年: the range's last year, to its end
    pattern: /(\d{4})\s*(?:年)?\s*[-—–~～至到]+\s*(\d{4})\s*年?(?:底|末)?(?:前|之前)?/g,
    fieldOnly: true,
    toPhrase: (m) => {
      const explicitYear = Number(m[2]);
      return explicitYear >= Number(m[1])
        ? { due: localDate(explicitYear, 12, 31), every: null, explicitYear }
        : undefined;
    },
  },
  {
    // 2023.01-2023.12, 2023年1月-2023年12月: a span, due at the end of its last month
    pattern: /(\d{4})[.\-/年](\d{1,2})月?\s*[-—–~至到]+\s*(\d{4})[.\-/年](\d{1,2})月?(?![\d日号])/g,
    fieldOnly: true,
    toPhrase(m) {
      const [y, month] = [Number(m[3]), Number(m[4])];
      if (month < 1 || month > 12) return undefined;
      return { due: localDate(y, month, lastDayOfMonth(y, month)), every: null, explicitYear: y };
    },
  },
  {
    // 全年: the plan year's end
    pattern: /全年/g,
    fieldOnly: true,
    toPhrase: (_m, year) => ({ due: localDate(year, 12, 31), every: null }),
  },
  {
    // 2025年, 2025年前: that year's end
    pattern: /(\d{4})年(?:度)?(?:前|内|之前)?(?![\d月])/g,
    fieldOnly: true,
    toPhrase: (m) => ({ due: localDate(Number(m[1]), 12, 31), every: null, explicitYear: Number(m[1]) }),
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
  {
    pattern: /长期|常态化|持续(?:开展|实施)?|经常性|常年/g,
    fieldOnly: true,
    toPhrase: () => ({ due: null, every: null }),
  },
];

/** A phrase's due date in the year it names, or the plan year; the named year is reported. */
function withYear(
  named: string | undefined,
  year: number,
  due: (year: number) => LocalDate,
): Omit<DatePhrase, 'index' | 'length'> {
  const explicitYear = named ? Number(named) : undefined;
  return { due: due(explicitYear ?? year), every: null, ...(explicitYear ? { explicitYear } : {}) };
}

function dayForPart(part: string, year: number, month: number): number {
  if (part === '上旬') return 10;
  if (part === '中旬') return 20;
  return lastDayOfMonth(year, month);
}

/**
 * Every date or recurrence phrase in `text`, in order; overlapping matches keep the earlier, longer
 * one. `inField`: the text is a 完成时限 value, where bare years, months and "长期" are times too.
 */
export function findDatePhrases(text: string, year: number, inField = false): DatePhrase[] {
  const found: DatePhrase[] = [];
  for (const rule of RULES) {
    if (rule.fieldOnly && !inField) continue;
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
