import type { LocalDate } from '../../plan/types.js';
import { workdaysBetween } from '../../plan/workdays.js';
import type { OccurrenceView } from '../../store/store.js';

/** Small text pieces shared by the cards. */

/** 2023-09-30 → 9月30日 (the year is the plan's and goes without saying). */
export function shortDate(date: LocalDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** "还有 12 天", "今天到期", "逾期 3 天（2 个工作日）". */
export function dueIn(due: LocalDate, today: LocalDate): string {
  const days = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  if (days > 0) return `还有 ${days} 天`;
  if (days === 0) return '今天到期';
  return `逾期 ${-days} 天（${workdaysBetween(due, today)} 个工作日）`;
}

const STATUS_ICON: Record<OccurrenceView['status'], string> = {
  open: '⏳',
  overdue: '🔴',
  done: '✅',
  verified: '✅',
};

export function statusIcon(status: OccurrenceView['status']): string {
  return STATUS_ICON[status];
}

export const STATUS_LABEL: Record<OccurrenceView['status'], string> = {
  open: '进行中',
  overdue: '已逾期',
  done: '已完成',
  verified: '已销号',
};

/** What an occurrence is about, one line: "9月30日 对各预算单位预决算公开进行专项检查". */
export function occurrenceLine(occurrence: OccurrenceView): string {
  const what = occurrence.milestone === null ? `完成时限（${occurrence.title}）` : occurrence.text;
  return `${shortDate(occurrence.due)} ${what}`;
}

/** Keeps long plan text readable on a phone. */
export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
