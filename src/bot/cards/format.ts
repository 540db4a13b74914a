import type { LocalDate, Recurrence } from '../../plan/types.js';
import { workdaysBetween } from '../../plan/workdays.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeCardText } from '../../text/user-text.js';

/** Small text pieces shared by the cards. */

/** Said once on every card that counts work: the unit of store/work-count.ts. */
export const UNIT_NOTE = '按节点计：每个节点每个牵头科室计 1 项。';

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

/**
 * When something is due, for answers, where it may itself stand in brackets: "还有 12 天",
 * "今天到期", "逾期 3 天，2 个工作日" — dueIn's inner brackets would nest.
 */
export function dueInLine(due: LocalDate, today: LocalDate): string {
  const days = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  if (days >= 0) return dueIn(due, today);
  return `逾期 ${-days} 天，${workdaysBetween(due, today)} 个工作日`;
}

/**
 * What an occurrence is about, one line: "9月30日 9月底前对各预算单位预决算公开进行专项检查"; the
 * item's own deadline reads "12月31日 挖潜量促增收（整项截止）" — a date, not a milestone named
 * after the plan's field "完成时限".
 */
export function occurrenceLine(occurrence: OccurrenceView): string {
  const what = occurrence.milestone === null ? `${occurrence.title}（整项截止）` : occurrence.text;
  return `${shortDate(occurrence.due)} ${what}`;
}

export const EVERY_LABEL: Record<Recurrence, string> = {
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
  year: '每年',
};

/** "检查报告.pdf、图片" — names as people sent them, made inert for card markdown. */
export function evidenceNames(evidence: readonly Pick<OccurrenceView['evidence'][number], 'name'>[]): string {
  return evidence.map((e) => escapeCardText(echo(e.name, 40))).join('、');
}

/**
 * The plan's own words in card markdown, clipped: shown as written. A plan is config, not user
 * input, but its text is not markdown — "《**省政府投资项目管理办法》" (a name blanked in the
 * published copy) must not turn bold, nor "<" or "[" start a tag or a link. Only the characters
 * that change how a line reads are made entities; the rest stays as it is.
 */
export function planText(text: string, max?: number): string {
  const shown = max === undefined ? text : clip(text, max);
  return shown.replace(/[*_~`<>[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Keeps long plan text readable on a phone. */
export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * How to answer the bot by replying, as far as this app can hear it: with Lark's
 * `im:message.group_msg` permission (reminders.yaml `group_messages: true`) a plain reply
 * reaches the bot; without it only a reply that @-mentions the bot does.
 */
export function replyPhrase(groupMessages: boolean, words: string): string {
  return groupMessages ? `回复「${words}」` : `回复并 @督办「${words}」`;
}
