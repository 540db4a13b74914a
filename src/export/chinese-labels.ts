import type { LocalDate, Recurrence } from '../plan/types.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十: chapter numbers as a 台账 heads them (1–99). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : `${tens === 1 ? '' : DIGITS[tens]}十`;
  return `${tensText}${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 2023-09-30 → 9月30日. */
export function monthDay(date: LocalDate): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日`;
}

const EVERY: Record<Recurrence, string> = {
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
  year: '每年',
};

export function recurrenceLabel(every: Recurrence): string {
  return EVERY[every];
}
