import { findFieldBlock, isFieldLine } from './import/fields.js';
import { type ItemStyle, itemStyleOf, matchChapter, matchItem } from './import/headings.js';
import { ItemDraft } from './import/item-draft.js';
import { toHalfWidth } from './import/normalize.js';
import { ImportError, type ImportWarning } from './import-error.js';
import type { Chapter, Plan } from './types.js';

export interface ImportOptions {
  /** The plan year; read from the title ("2023年工作要点") when absent. */
  year?: number;
}

export interface ImportResult {
  plan: Plan;
  warnings: ImportWarning[];
}

interface ChapterDraft {
  number: number;
  title: string;
  line: number;
  items: ItemDraft[];
}

/**
 * Turns the text of a 工作要点 into a Plan. Every non-blank line is the title, preamble, a chapter
 * heading, an item (heading, continuation or field block), or a warning naming the line: no text is
 * dropped silently.
 */
export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  const warnings: ImportWarning[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const hasChapters = lines.some((l) => matchChapter(l) !== undefined);
  const chapters: ChapterDraft[] = [];
  let title: string | undefined;
  let style: ItemStyle | undefined;
  let item: ItemDraft | undefined;
  const preamble: string[] = [];

  lines.forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === '') return;
    const chapterHeading = matchChapter(line);
    if (title === undefined && !chapterHeading && itemStyleOf(line) === undefined && !isFieldLine(line)) {
      title = line;
      return;
    }
    if (chapterHeading) {
      item = undefined;
      chapters.push({ number: chapterHeading.number, title: chapterHeading.rest, line: lineNo, items: [] });
      return;
    }
    let chapter = chapters.at(-1);
    const lineStyle = itemStyleOf(line);
    if (!chapter && !hasChapters && lineStyle) {
      chapter = { number: 1, title: '', line: lineNo, items: [] };
      chapters.push(chapter);
    }
    if (!chapter) {
      // Prose before the first chapter is the preamble; a numbered item or a field block there
      // is a task with no chapter, which must not vanish into it unnoticed.
      if (lineStyle || findFieldBlock(line))
        warnings.push({
          line: lineNo,
          text: line,
          message: `line ${lineNo} looks like a task but comes before the first chapter`,
        });
      preamble.push(line);
      return;
    }
    style ??= lineStyle;
    const itemHeading = style ? matchItem(line, style) : undefined;
    if (itemHeading) {
      item = new ItemDraft(`${chapter.number}.${itemHeading.number}`, lineNo, itemHeading.rest);
      chapter.items.push(item);
      return;
    }
    if (item && isFieldLine(line)) {
      item.addFields(findFieldBlock(line)!, lineNo);
      return;
    }
    if (item && !item.fieldsSeen) {
      if (lineStyle) item.addSubPoint(line, lineNo, subPointText(line, lineStyle));
      else item.addText(line, lineNo);
      return;
    }
    const where = item
      ? `after the field block of item ${item.id}`
      : `in chapter ${chapter.number} before its first item`;
    warnings.push({ line: lineNo, text: line, message: `line ${lineNo} is not part of any item (${where})` });
  });

  const year = options.year ?? yearFrom([title ?? '', ...preamble]);
  const plan: Plan = { title: title ?? '', year, chapters: finishChapters(chapters, year, warnings) };
  return { plan, warnings };
}

function finishChapters(drafts: ChapterDraft[], year: number, warnings: ImportWarning[]): Chapter[] {
  const items = drafts.flatMap((c) => c.items);
  if (items.length === 0) {
    throw new ImportError(
      'no items found: expected chapter headings such as "一、…" and items such as "（一）…", "1.…" or "（1）…"',
    );
  }
  rejectDuplicates(
    drafts.map((c) => ({ id: String(c.number), line: c.line })),
    'chapter',
  );
  rejectDuplicates(items, 'item');
  const warn = (w: ImportWarning) => warnings.push(w);
  return drafts.map((c) => ({
    number: c.number,
    title: c.title,
    items: c.items.map((i) => i.finish(year, warn)),
  }));
}

function rejectDuplicates(entries: { id: string; line: number }[], what: string): void {
  const seen = new Map<string, number>();
  for (const { id, line } of entries) {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ImportError(
        `line ${line}: ${what} ${id} is numbered like line ${first}; number each ${what} once`,
      );
    }
    seen.set(id, line);
  }
}

function yearFrom(lines: string[]): number {
  for (const line of lines) {
    const m = /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(line));
    if (m) return Number(m[1]);
  }
  throw new ImportError(
    'cannot tell the plan year: the title names none (such as "2023年工作要点"); pass --year 2023',
  );
}

/** A numbered point's text without its number and closing separator. */
function subPointText(line: string, style: ItemStyle): string {
  return (matchItem(line, style)?.rest ?? line).replace(/[；;]$/, '');
}
