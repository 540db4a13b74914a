import { lastDayOfMonth, localDate } from '../plan/dates.js';
import type { LocalDate } from '../plan/types.js';
import { addDays, dayOfWeek } from '../plan/workdays.js';

/** A span of local dates a due-soon question asks about. */
export interface DueWindow {
  from: LocalDate;
  to: LocalDate;
  label: string;
}

/** "本周到期", "下周", "本月到期", "下个月", "近30天", "今天" → the window; undefined when none is named. */
export function dueWindowOf(text: string, today: LocalDate): DueWindow | undefined {
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (/今天|今日|today/.test(text)) return { from: today, to: today, label: '今天' };
  if (/明天|tomorrow/.test(text)) return { from: addDays(today, 1), to: addDays(today, 1), label: '明天' };
  if (/下周|下星期|next week/.test(text))
    return { from: addDays(monday, 7), to: addDays(monday, 13), label: '下周' };
  if (/本周|这周|本星期|这星期|this week/.test(text))
    return { from: today, to: addDays(monday, 6), label: '本周' };
  if (/下个?月|next month/.test(text)) {
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    return { from: localDate(ny, nm, 1), to: localDate(ny, nm, lastDayOfMonth(ny, nm)), label: '下月' };
  }
  if (/本月|这个月|当月|this month/.test(text))
    return { from: today, to: localDate(y, m, lastDayOfMonth(y, m)), label: '本月' };
  const days = /(?:近|未来|最近|接下来)?(\d{1,3})\s*(?:天|日|days?)(?:内|之内)?/.exec(text);
  if (days && Number(days[1]) > 0) {
    const n = Number(days[1]);
    return { from: today, to: addDays(today, n), label: `近 ${n} 天` };
  }
  return undefined;
}
