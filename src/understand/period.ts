import { lastDayOfMonth, localDate } from '../plan/dates.js';
import { chineseNumeral } from '../plan/import/normalize.js';
import type { LocalDate } from '../plan/types.js';
import { addDays, dayOfWeek } from '../plan/workdays.js';

/** A span of local dates a due-soon question asks about. */
export interface DueWindow {
  from: LocalDate;
  to: LocalDate;
  label: string;
}

export interface PeriodInText {
  window: DueWindow;
  span: [number, number];
}

type Build = (m: RegExpExecArray, today: LocalDate) => DueWindow | undefined;

const NUMBER = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';

/**
 * The ways people name a span, most specific first. Each pattern is a plain alternation with
 * bounded repeats (linear on any input).
 */
const PERIODS: [RegExp, Build][] = [
  [/今天|今日|today/, (_, t) => ({ from: t, to: t, label: '今天' })],
  [/明天|明日|tomorrow/, (_, t) => ({ from: addDays(t, 1), to: addDays(t, 1), label: '明天' })],
  [
    /下周|下星期|下礼拜|下个星期|下个礼拜|next week/,
    (_, t) => ({ from: addDays(monday(t), 7), to: addDays(monday(t), 13), label: '下周' }),
  ],
  [
    /本周|这周|本星期|这星期|这个星期|本礼拜|这礼拜|这个礼拜|this week/,
    (_, t) => ({ from: t, to: addDays(monday(t), 6), label: '本周' }),
  ],
  [/下个?月|next month/, (_, t) => monthWindow(t, 1)],
  [/本月|这个月|当月|月底前|this month/, (_, t) => thisMonth(t)],
  [
    new RegExp(`(?:近|未来|最近|接下来|往后)?${NUMBER} ?(?:个)?(天|周|星期|礼拜|days?|weeks?)(?:内|之内)?`),
    (m, t) => {
      const n = chineseNumeral(m[1]!.replace('两', '二')) ?? 0;
      const days = /周|星期|礼拜|week/.test(m[2]!) ? n * 7 : n;
      return days > 0 && days <= 366 ? { from: t, to: addDays(t, days), label: `近 ${days} 天` } : undefined;
    },
  ],
  [/半个月/, (_, t) => ({ from: t, to: addDays(t, 15), label: '近 15 天' })],
  [
    new RegExp(`(?<![\\d月])${NUMBER}月份?(?!\\d|日|号)`),
    (m, t) => {
      const month = chineseNumeral(m[1]!);
      if (!month || month > 12) return undefined;
      const year = Number(t.slice(0, 4));
      return {
        from: localDate(year, month, 1),
        to: localDate(year, month, lastDayOfMonth(year, month)),
        label: `${month}月`,
      };
    },
  ],
];

/** The first span named in `text`, with where it stands; undefined when none is. */
export function periodInText(text: string, today: LocalDate): PeriodInText | undefined {
  for (const [pattern, build] of PERIODS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const window = build(m, today);
    if (window) return { window, span: [m.index, m.index + m[0].length] };
  }
  return undefined;
}

/** What "最近有啥要交的" means when no span is named. */
export function soonWindow(today: LocalDate): DueWindow {
  return { from: today, to: addDays(today, 7), label: '近 7 天' };
}

function monday(today: LocalDate): LocalDate {
  return addDays(today, -((dayOfWeek(today) + 6) % 7));
}

function thisMonth(today: LocalDate): DueWindow {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return { from: today, to: localDate(y, m, lastDayOfMonth(y, m)), label: '本月' };
}

function monthWindow(today: LocalDate, ahead: number): DueWindow {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const [ny, nm] = m + ahead > 12 ? [y + 1, m + ahead - 12] : [y, m + ahead];
  return { from: localDate(ny, nm, 1), to: localDate(ny, nm, lastDayOfMonth(ny, nm)), label: '下月' };
}
