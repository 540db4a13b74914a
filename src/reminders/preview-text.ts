import { shortDate } from '../bot/cards/format.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Person } from '../config/org-schema.js';
import type { LocalDate, Recurrence } from '../plan/types.js';
import { dayOfWeek, holidayName } from '../plan/workdays.js';
import { localTimeAt } from './local-time.js';
import type { PlannedMessage } from './preview.js';
import { RECURRENCE_LADDERS } from './recurrence-ladders.js';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * `duban preview` for people: the calendar an office checks before the year starts — per work
 * day, each message with its time, chat, who is @-mentioned and what it is about.
 */
export function previewText(
  planned: PlannedMessage[],
  config: LoadedConfig,
  from: LocalDate,
  to: LocalDate,
): string {
  const policy = config.reminders;
  const names = peopleByOpenId(config);
  const lines = [
    `督办提醒日历 ${from} 至 ${to}：每个工作日 ${policy.send_at}（${policy.timezone}）发送，周末和法定节假日不发，调休上班日照发；已确认完成的节点不再提醒。`,
    `共 ${planned.length} 条消息。`,
  ];
  let day = '';
  for (const p of planned) {
    if (p.day !== day) {
      day = p.day;
      lines.push('', `${p.day} ${WEEKDAYS[dayOfWeek(p.day)]}${dayNote(p.day)}`);
    }
    const m = p.message;
    const who = m.mentions.map((id) => `@${names.get(id) ?? id}`).join(' ');
    const time = localTimeAt(p.at, policy.timezone);
    lines.push(`  ${time}  ${chatLabel(m.chatId, m.section, config)}${who ? `  ${who}` : ''}`);
    if (m.kind === 'progress') {
      const items = p.progressItems ?? [];
      lines.push(`         每月进展填报：${items.length} 项未完成工作（${items.join('、')}）`);
      continue;
    }
    if (m.kind === 'weekly') {
      lines.push(
        `         每周督办汇总：各科室完成率、逾期、两周内到期（${m.occurrenceIds.length} 个未完成节点）`,
      );
      continue;
    }
    if (m.kind === 'escalation') lines.push('         督办升级（逾期较久，告知局领导）：');
    for (const item of p.items) {
      const what = item.text === '完成时限' ? `${item.title}（完成时限）` : item.text;
      const whose = m.kind === 'escalation' ? `[${item.section}] ` : '';
      lines.push(
        `         · ${whose}${item.itemId} ${clipText(what, 40)}（${shortDate(item.due)}截止）— ${stageLabel(item.stage.key, item.every, config)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** "提前7个工作日", "到期提醒", "季度初提醒", "逾期3个工作日", "逾期5个工作日·升级". */
export function stageLabel(key: string, every: Recurrence | null, config: LoadedConfig): string {
  if (key === 'T-0') return '到期提醒';
  if (key === 'quarter-start') return '季度初提醒';
  if (key === 'escalate')
    return `逾期${Math.max(1, config.reminders.overdue.escalate_after_workdays)}个工作日·升级`;
  const overdue = /^overdue\+(\d+)$/.exec(key);
  if (overdue) return `逾期${overdue[1]}个工作日`;
  const before = /^T-(\d+)$/.exec(key);
  if (!before) return key;
  const steps = every === null ? 'default' : RECURRENCE_LADDERS[every];
  const inDays =
    steps === 'default'
      ? config.reminders.ladder_unit === 'days'
      : steps.some((s) => s.key === key && 'daysBefore' in s);
  return `提前${before[1]}${inDays ? '天' : '个工作日'}`;
}

function dayNote(day: LocalDate): string {
  const weekday = dayOfWeek(day);
  if (weekday === 0 || weekday === 6) return '（调休上班）';
  return holidayName(day) ? `（${holidayName(day)}）` : '';
}

function chatLabel(chatId: string, section: string | null, config: LoadedConfig): string {
  const { chats } = config.org;
  if (chatId === chats.leadership) return '局领导群';
  if (chatId === chats.main) return section ? `督办主群〔${section}〕` : '督办主群';
  const owner = config.org.sections.find((s) => s.chat_id === chatId);
  return owner ? `${owner.name}群` : chatId;
}

function peopleByOpenId(config: LoadedConfig): Map<string, string> {
  const people: Person[] = config.org.sections.flatMap((s) => [
    s.head,
    ...s.deputies,
    ...(s.leader ? [s.leader] : []),
  ]);
  const map = new Map<string, string>();
  for (const p of [...people, ...config.org.admins]) if (p.open_id) map.set(p.open_id, p.name);
  return map;
}

function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
