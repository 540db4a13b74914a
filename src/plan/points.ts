import { toHalfWidth } from './import/normalize.js';

/** 一是…二是…: where each enumerated point starts (at the text start or after a sentence end). */
const POINT_MARKER = /(?:^|(?<=[。;\s]))([一二三四五六七八九十]+)是/g;

/** The item's enumerated points, markers removed; empty when it has none or only one. */
export function splitPoints(text: string): string[] {
  const half = toHalfWidth(text);
  const starts: { at: number; body: number }[] = [];
  POINT_MARKER.lastIndex = 0;
  for (let m = POINT_MARKER.exec(half); m !== null; m = POINT_MARKER.exec(half)) {
    starts.push({ at: m.index, body: m.index + m[0].length });
  }
  if (starts.length < 2) return [];
  return starts.map((s, i) => text.slice(s.body, starts[i + 1]?.at ?? text.length).trim());
}
