import { CUE_WORDS } from './cue-words.js';

/**
 * The words that say what a question asks, in the forms staff type them. Each list becomes one
 * alternation, longest phrase first, so "谁来负责" wins over "谁来"; no pattern has a nested
 * repeat, so matching stays linear in the message.
 */
export type Cue =
  | 'who'
  | 'when'
  | 'howMuch'
  | 'detail'
  | 'state'
  | 'overdue'
  | 'open'
  | 'mine'
  | 'count'
  | 'due'
  | 'soon'
  | 'work'
  | 'chapterWord'
  | 'lead'
  | 'partner';

/** One alternation per cue; matchAll copies the pattern, so the shared `g` state never leaks. */
const PATTERNS = Object.fromEntries(
  Object.entries(CUE_WORDS).map(([cue, words]) => [cue, alternation(words)]),
) as Record<Cue, string>;

const FIND = Object.fromEntries(
  Object.entries(PATTERNS).map(([cue, source]) => [cue, new RegExp(source)]),
) as Record<Cue, RegExp>;

/** Which cues `text` contains. */
export function cuesIn(text: string): Set<Cue> {
  return new Set((Object.keys(FIND) as Cue[]).filter((cue) => FIND[cue].test(text)));
}

/**
 * Where every cue word stands, to be cut out of the topic. Matches may overlap ("有多少项": both
 * "有多少" and "多少项"), so the scan restarts one character after each match start.
 */
export function cueSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const source of Object.values(PATTERNS)) {
    const pattern = new RegExp(source, 'g');
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      spans.push([m.index, m.index + m[0].length]);
      pattern.lastIndex = m.index + 1;
    }
  }
  return spans;
}

/** Latin cue words match whole words only ("who" not inside "whole"); Chinese ones anywhere. */
function alternation(words: string[]): string {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return sorted.map((w) => (/^[a-z ]+$/.test(w) ? `\\b${w}\\b` : w)).join('|');
}

/** The words of one cue as typed ("几个项目", "多少钱"): what a "how much" asks the figure in. */
export function cueWords(text: string, cue: Cue): string[] {
  return [...text.matchAll(new RegExp(PATTERNS[cue], 'g'))].map((m) => m[0]);
}
