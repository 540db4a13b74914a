import type { FieldReader } from './conventions.js';
import { type ItemStyle, itemStyleOf, matchChapter } from './headings.js';
import { itemLevel, type NumberedLine } from './item-level.js';

/**
 * How a document is laid out, read before its lines are: where the plan itself starts, which
 * numbering level holds the tasks, and whether the 一、 headings are themselves the tasks.
 */
export interface Layout {
  levels: NumberedLine[];
  /** The task level below the chapters; undefined when none carries fields. */
  itemStyle: ItemStyle | undefined;
  /**
   * The line (index) where the plan starts when a notice comes first with its own 一、二、三
   * ("一、各责任单位要高度重视…") and the plan numbers its chapters from 一 again; 0 otherwise.
   */
  bodyStart: number;
  /** Where the plan ends when an attachment numbered from 一 again follows it; the line count otherwise. */
  bodyEnd: number;
  /** "一、对深化商事制度改革……（市场监管总局负责）": each 一、 heading is a task. */
  chaptersAreTasks: boolean;
}

const MOSTLY = 0.6;

export function readLayout(lines: string[], readFields: FieldReader): Layout {
  const levels: NumberedLine[] = lines.map((raw) => {
    const line = raw.trim();
    const chapter = matchChapter(line) !== undefined;
    return {
      chapter,
      style: chapter ? undefined : itemStyleOf(line),
      hasFields: readFields(line) !== undefined,
    };
  });
  const { bodyStart, bodyEnd } = planBody(lines, levels);
  const body = levels.slice(bodyStart, bodyEnd);
  return {
    levels,
    itemStyle: itemLevel(body),
    bodyStart,
    bodyEnd,
    chaptersAreTasks: chapterTaskShare(body) >= MOSTLY,
  };
}

/**
 * Where chapter numbering starts again (一、 after 三、) the document has parts: a notice, the
 * plan, an attachment. The plan is the parts that carry field blocks; parts before it are
 * preamble, parts after it are left out (and warned about). With no fields anywhere, the last part.
 */
function planBody(lines: string[], levels: NumberedLine[]): { bodyStart: number; bodyEnd: number } {
  const starts = [0];
  let last = 0;
  levels.forEach((level, i) => {
    if (!level.chapter) return;
    const number = matchChapter(lines[i]!.trim())!.number;
    if (number <= last) starts.push(i);
    last = number;
  });
  const parts = starts.map((start, k) => ({ start, end: starts[k + 1] ?? lines.length }));
  const withFields = parts.filter((p) => levels.slice(p.start, p.end).some((l) => l.hasFields));
  if (withFields.length === 0) return { bodyStart: parts.at(-1)!.start, bodyEnd: lines.length };
  return { bodyStart: withFields[0]!.start, bodyEnd: withFields.at(-1)!.end };
}

/** Of the chapter headings, the share whose span has a field block and no numbered line under it. */
function chapterTaskShare(levels: NumberedLine[]): number {
  let headings = 0;
  let tasks = 0;
  let fields = false;
  let numbered = false;
  const close = () => {
    if (headings > 0 && fields && !numbered) tasks++;
  };
  for (const level of levels) {
    if (level.chapter) {
      close();
      headings++;
      fields = false;
      numbered = false;
    } else if (level.style) {
      numbered = true;
    }
    if (level.hasFields) fields = true;
  }
  close();
  return headings === 0 ? 0 : tasks / headings;
}
