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
  const bodyStart = restartOfNumbering(lines, levels);
  const body = levels.slice(bodyStart);
  return {
    levels,
    itemStyle: itemLevel(body),
    bodyStart,
    chaptersAreTasks: chapterTaskShare(body) >= MOSTLY,
  };
}

/** The last line where chapter numbers start again at or below the last one, if nothing before it has fields. */
function restartOfNumbering(lines: string[], levels: NumberedLine[]): number {
  let last = 0;
  let restart = 0;
  levels.forEach((level, i) => {
    if (!level.chapter) return;
    const number = matchChapter(lines[i]!.trim())!.number;
    if (number <= last) restart = i;
    last = number;
  });
  if (restart === 0 || levels.slice(0, restart).some((l) => l.hasFields)) return 0;
  return restart;
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
