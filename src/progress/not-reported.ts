import type { LoadedConfig } from '../config/load-config.js';
import type { LocalDate } from '../plan/types.js';
import type { ProgressReports } from '../store/progress-reports.js';
import { type Month, monthOf, previousMonth } from './schedule.js';

type ProgressReads = Pick<ProgressReports, 'progressRequests' | 'progressNotes'>;

/** The latest round of 进展填报 and the sections in it that have not reported. */
export interface UnreportedRound {
  month: Month;
  /** org.yaml order. */
  sections: string[];
}

/**
 * The latest round — this month's cards once they have gone out, else last month's — and the
 * sections asked in it that have sent no note since their card. Last month's counts until this
 * month's go out because a digest is weekly and the cards late in the month: with day 25 the
 * Mondays after the round mostly fall in the next month. Null when progress_report is off or no
 * round has gone out in either month.
 */
export async function sectionsNotReported(
  store: ProgressReads,
  config: Pick<LoadedConfig, 'reminders' | 'sections'>,
  today: LocalDate,
): Promise<UnreportedRound | null> {
  if (!config.reminders.progress_report) return null;
  let month = monthOf(today);
  let requests = await store.progressRequests(month);
  if (requests.length === 0) {
    month = previousMonth(today);
    requests = await store.progressRequests(month);
  }
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
  return { month, sections: silent.map(([section]) => section).sort((a, b) => order(a) - order(b)) };
}

/** "**11月进展未填报**（2 个科室）：国资科、预算科", or that every section asked has reported. */
export function notReportedLine(round: UnreportedRound): string {
  const month = `${Number(round.month.slice(5, 7))}月`;
  return round.sections.length === 0
    ? `**${month}进展填报**：各科室均已填报 ✅`
    : `**${month}进展未填报**（${round.sections.length} 个科室）：${round.sections.join('、')}`;
}
