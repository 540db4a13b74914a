import { ImportError, type ImportWarning } from '../import-error.js';
import type { Chapter } from '../types.js';
import type { ItemDraft } from './item-draft.js';

/** A chapter being read; `finishChapters` turns the drafts into the plan's chapters. */
export interface ChapterDraft {
  number: number;
  title: string;
  line: number;
  items: ItemDraft[];
  /** Prose and group headings that are not tasks: 指导思想, 基本原则, "（一）着力扩大国内需求". */
  text: string[];
  /** Whether a numbering level above the tasks' groups them here (numbers may restart per group). */
  grouped: boolean;
}

export function newChapter(number: number, title: string, line: number): ChapterDraft {
  return { number, title, line, items: [], text: [], grouped: false };
}

export function finishChapters(
  drafts: ChapterDraft[],
  year: number,
  warn: (w: ImportWarning) => void,
  nameOf: (line: number) => string,
): Chapter[] {
  // Where the document closes tasks with fields, a chapter whose numbered paragraphs carry none
  // (指导思想, 基本原则, 保障措施) is prose: its paragraphs are chapter text, not lead-less items.
  const documentHasFields = drafts.some((c) => c.items.some((i) => i.fieldsSeen));
  for (const chapter of drafts) {
    if (documentHasFields && !chapter.items.some((i) => i.fieldsSeen)) {
      chapter.text.push(...chapter.items.flatMap((i) => i.lines));
      chapter.items = [];
    }
    if (chapter.grouped && hasDuplicateIds(chapter.items)) renumber(chapter);
  }
  const items = drafts.flatMap((c) => c.items);
  if (items.length === 0) {
    throw new ImportError(
      '没有找到任何事项：需要“一、…”这样的章节标题和“（一）…”“1.…”或“（1）…”这样的事项 / no items found: expected chapter headings such as "一、…" and items such as "（一）…", "1.…" or "（1）…"',
    );
  }
  rejectDuplicates(
    drafts.map((c) => ({ id: String(c.number), line: c.line })),
    ['章节', 'chapter'],
    nameOf,
  );
  rejectDuplicates(items, ['事项', 'item'], nameOf);
  return drafts.map((c) => {
    const chapter: Chapter = {
      number: c.number,
      title: c.title,
      items: c.items.map((i) => i.finish(year, warn)),
    };
    if (c.text.length > 0) chapter.text = c.text.join('\n');
    return chapter;
  });
}

function hasDuplicateIds(items: ItemDraft[]): boolean {
  return new Set(items.map((i) => i.id)).size < items.length;
}

/** Tasks numbered afresh in each group ("（一）1. 2. （二）1. 2.") are numbered through the chapter. */
function renumber(chapter: ChapterDraft): void {
  chapter.items.forEach((item, i) => {
    item.id = `${chapter.number}.${i + 1}`;
  });
}

function rejectDuplicates(
  entries: { id: string; line: number }[],
  [what, whatEnglish]: [string, string],
  nameOf: (line: number) => string,
): void {
  const seen = new Map<string, number>();
  for (const { id, line } of entries) {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ImportError(
        `${nameOf(line)}：${what} ${id} 与${nameOf(first)}编号相同，请给每一项唯一的编号 / line ${line}: ${whatEnglish} ${id} is numbered like line ${first}; number each ${whatEnglish} once`,
      );
    }
    seen.set(id, line);
  }
}
