import { localDateAt } from '../store/local-date.js';
import type { ProgressNote } from '../store/progress-reports.js';
import { echo, escapeCardText } from '../text/user-text.js';

/** How much of a note a card shows: enough to recall it, short enough for a list. */
export const NOTE_SHOWN_CHARS = 80;

/** The newest note of each section, in the order the sections first reported. */
export function latestBySection(notes: readonly ProgressNote[]): ProgressNote[] {
  const latest = new Map<string, ProgressNote>();
  for (const note of notes) {
    const held = latest.get(note.section);
    if (!held || note.at >= held.at) latest.set(note.section, note);
  }
  return [...latest.values()];
}

/** "11-25", the note's day in the plan's time zone. */
export function noteDay(note: ProgressNote, timeZone: string): string {
  return localDateAt(new Date(note.at), timeZone).slice(5);
}

/**
 * "最新进展（国资科 张三 11-25）：已完成3家抽查" for card markdown, one line per section. The note
 * is what a member typed: one line, clipped, and escaped so it cannot become markup.
 */
export function latestNoteLines(notes: readonly ProgressNote[], timeZone: string): string[] {
  return latestBySection(notes).map(
    (n) =>
      `最新进展（${n.section} ${escapeCardText(n.by)} ${noteDay(n, timeZone)}）：${escapeCardText(echo(n.text, NOTE_SHOWN_CHARS))}`,
  );
}
