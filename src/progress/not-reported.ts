import { markdown } from '../bot/cards/card.js';
import type { Card } from '../bot/reply.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { LocalDate } from '../plan/types.js';
import type { OutgoingReminder } from '../reminders/outgoing.js';
import type { ProgressReports } from '../store/progress-reports.js';
import { monthOf } from './schedule.js';

type ProgressReads = Pick<ProgressReports, 'progressRequests' | 'progressNotes'>;

/**
 * The sections asked this month that have sent no note since their card, in org.yaml order; null
 * when progress_report is off or this month's cards have not gone out (nothing to chase yet).
 */
export async function sectionsNotReported(
  store: ProgressReads,
  config: Pick<LoadedConfig, 'reminders' | 'sections'>,
  today: LocalDate,
): Promise<string[] | null> {
  if (!config.reminders.progress_report) return null;
  const requests = await store.progressRequests(monthOf(today));
  if (requests.length === 0) return null;
  const notes = await store.progressNotes();
  const askedAt = new Map<string, string>();
  for (const r of requests) if (!askedAt.has(r.section)) askedAt.set(r.section, r.sentAt);
  const silent = [...askedAt].filter(
    ([section, at]) => !notes.some((n) => n.section === section && n.at >= at),
  );
  const order = (s: string) => {
    const i = config.sections.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return silent.map(([section]) => section).sort((a, b) => order(a) - order(b));
}

/** "**本月进展未填报**（2 个科室）：国资科、预算科", or that every section asked has reported. */
export function notReportedLine(sections: readonly string[]): string {
  return sections.length === 0
    ? '**本月进展填报**：各科室均已填报 ✅'
    : `**本月进展未填报**（${sections.length} 个科室）：${sections.join('、')}`;
}

/**
 * The weekly digest with the 进展填报 line under its bureau-wide figures (before the first
 * divider), when this month's cards have gone out; else the digest as composed.
 */
export async function withProgressLine(
  message: OutgoingReminder,
  store: ProgressReads,
  config: Pick<LoadedConfig, 'reminders' | 'sections'>,
  today: LocalDate,
): Promise<OutgoingReminder> {
  const sections = await sectionsNotReported(store, config, today);
  if (sections === null) return message;
  const elements = [...message.card.body.elements];
  const divider = elements.findIndex((e) => e.tag === 'hr');
  elements.splice(divider < 0 ? elements.length : divider, 0, markdown(notReportedLine(sections)));
  const card: Card = { ...message.card, body: { elements } };
  return { ...message, card };
}
