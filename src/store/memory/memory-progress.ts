import type { LocalDate } from '../../plan/types.js';
import type { OccurrenceView, ProgressRow } from '../store.js';

/** Progress counted from views, the way the Redis store counts its indexes. */

export function progressByChapter(
  chapters: readonly { number: number; title: string }[],
  views: readonly OccurrenceView[],
): ProgressRow[] {
  return chapters.map((chapter) => {
    const row = emptyRow(String(chapter.number), chapter.title);
    for (const v of views) {
      if (v.chapter !== chapter.number) continue;
      row.total++;
      if (v.status === 'done' || v.status === 'verified') row.done++;
      if (v.status === 'verified') row.verified++;
      if (v.status === 'overdue') row.overdue++;
      if (v.status === 'open') row.open++;
    }
    return row;
  });
}

/** From each lead section's side: done once that section confirmed, whatever the others did. */
export function progressBySection(views: readonly OccurrenceView[], today: LocalDate): ProgressRow[] {
  const rows = new Map<string, ProgressRow>();
  for (const v of views) {
    for (const section of v.leads) {
      const row = rows.get(section) ?? emptyRow(section, section);
      rows.set(section, row);
      row.total++;
      if (v.confirmations.some((c) => c.section === section)) row.done++;
      else if (v.due < today) row.overdue++;
      else row.open++;
      if (v.status === 'verified') row.verified++;
    }
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function emptyRow(key: string, label: string): ProgressRow {
  return { key, label, total: 0, done: 0, verified: 0, overdue: 0, open: 0 };
}
