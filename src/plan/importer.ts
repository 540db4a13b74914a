import { fieldReader, statesFirstListedLeads } from './import/conventions.js';
import { isFurniture } from './import/furniture.js';
import { type ItemStyle, matchChapter, matchItem } from './import/headings.js';
import { ItemDraft } from './import/item-draft.js';
import { depthOf } from './import/item-level.js';
import { readLayout } from './import/layout.js';
import { toHalfWidth } from './import/normalize.js';
import { ImportError, type ImportWarning } from './import-error.js';
import type { Chapter, Plan } from './types.js';

export interface ImportOptions {
  /** The plan year; read from the title ("2023年工作要点") when absent. */
  year?: number;
  /**
   * What to call each line in messages, by line number − 1, where "line 12" means nothing to the
   * user: a table row read from a .docx is "表1 第3行".
   */
  lineNames?: readonly (string | undefined)[];
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
  /** Prose and group headings that are not tasks: 指导思想, 基本原则, "（一）着力扩大国内需求". */
  text: string[];
  /** Whether a numbering level above the tasks' groups them here (numbers may restart per group). */
  grouped: boolean;
}

/** A title longer than this is not broken over two lines; it is a title followed by prose. */
const MAX_TITLE_PART = 30;

/**
 * Turns the text of a 工作要点 or a task-division document into a Plan. Every non-blank line is the
 * title, preamble, a chapter heading, a group heading or prose of a chapter, an item (heading,
 * continuation or field block), document furniture (issuer, date, 抄送), or a warning naming the
 * line: no text is dropped silently.
 */
export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  const warnings: ImportWarning[] = [];
  const nameOf = (line: number) => options.lineNames?.[line - 1] ?? `第${line}行`;
  const warn = (w: ImportWarning) => warnings.push({ ...w, where: w.where ?? nameOf(w.line) });
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const firstListedLeads = lines.some(statesFirstListedLeads);
  const readFields = fieldReader(firstListedLeads);
  const layout = readLayout(lines, readFields);
  const { levels, chaptersAreTasks } = layout;
  const hasChapters = !chaptersAreTasks && levels.some((l) => l.chapter);
  const chapters: ChapterDraft[] = [];
  let title: string | undefined;
  let titleOpen = false;
  let style: ItemStyle | undefined = layout.itemStyle;
  let item: ItemDraft | undefined;
  /** A chapter heading that may go on on the next line. */
  let headingOpen: ChapterDraft | undefined;
  const preamble: string[] = [];

  lines.forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === '') return;
    const chapterHeading = matchChapter(line);
    const lineStyle = levels[index]!.style;
    if (title === undefined && !chapterHeading && lineStyle === undefined && !readFields(line)) {
      title = line;
      titleOpen = true;
      return;
    }
    if (titleOpen && continuesTitle(title!, line, chapterHeading !== undefined || lineStyle !== undefined)) {
      title += line;
      return;
    }
    titleOpen = false;
    const heading = headingOpen;
    headingOpen = undefined;
    if (
      heading &&
      continuesHeading(heading.title, line, chapterHeading !== undefined || lineStyle !== undefined)
    ) {
      heading.title += line;
      return;
    }
    if (index < layout.bodyStart) {
      preamble.push(line);
      return;
    }
    if (index >= layout.bodyEnd) {
      if (!isFurniture(line))
        warn({
          line: lineNo,
          text: line,
          kind: 'stray-text',
          message:
            '在计划正文之后、编号重新开始的部分（如附件），未导入 / after the plan, where numbering starts again (an attachment?); not imported',
        });
      return;
    }
    if (chapterHeading && chaptersAreTasks) {
      // Tasks numbered 一、二、… with no chapters above them: one chapter holds them all.
      if (chapters.length === 0) chapters.push(newChapter(1, '', lineNo));
      item = new ItemDraft(
        `1.${chapterHeading.number}`,
        lineNo,
        chapterHeading.rest,
        readFields,
        line,
        firstListedLeads,
      );
      chapters[0]!.items.push(item);
      return;
    }
    if (chapterHeading) {
      item = undefined;
      headingOpen = newChapter(chapterHeading.number, chapterHeading.rest, lineNo);
      chapters.push(headingOpen);
      return;
    }
    let chapter = chapters.at(-1);
    if (!chapter && !hasChapters && lineStyle) {
      chapter = newChapter(1, '', lineNo);
      chapters.push(chapter);
    }
    if (!chapter) {
      // Prose before the first chapter is the preamble; a numbered item or a field block there
      // is a task with no chapter, which must not vanish into it unnoticed.
      if (lineStyle || readFields(line))
        warn({
          line: lineNo,
          text: line,
          kind: 'task-before-chapter',
          message:
            '像是一项任务，但出现在第一个章节标题之前 / looks like a task but comes before the first chapter',
        });
      preamble.push(line);
      return;
    }
    style ??= lineStyle;
    const itemHeading = style ? (matchItem(line, style) ?? digitTitleItem(line, style, chapter)) : undefined;
    if (itemHeading) {
      item = new ItemDraft(
        `${chapter.number}.${itemHeading.number}`,
        lineNo,
        itemHeading.rest,
        readFields,
        line,
        firstListedLeads,
      );
      chapter.items.push(item);
      return;
    }
    if (style && lineStyle && depthOf(lineStyle) < depthOf(style)) {
      // A group heading above the tasks ("（一）着力扩大国内需求" over "1." tasks): chapter text.
      item = undefined;
      chapter.grouped = true;
      chapter.text.push(line);
      return;
    }
    const fields = readFields(line);
    if (item && fields && line.slice(0, fields.start).trim() === '') {
      item.addFields(fields, lineNo, line);
      return;
    }
    if (item && !item.fieldsSeen) {
      if (lineStyle) item.addSubPoint(line, lineNo, subPointText(line, lineStyle));
      else item.addText(line, lineNo);
      return;
    }
    if (isFurniture(line)) return;
    if (!item) {
      chapter.text.push(line);
      return;
    }
    warn({
      line: lineNo,
      text: line,
      kind: 'stray-text',
      message: `不属于任何事项（在事项 ${item.id} 的责任分工之后）/ not part of any item (after the field block of item ${item.id})`,
    });
  });

  const year = options.year ?? yearFrom([title ?? '', ...preamble], lines);
  const plan: Plan = { title: title ?? '', year, chapters: finishChapters(chapters, year, warn, nameOf) };
  return { plan, warnings };
}

function newChapter(number: number, title: string, line: number): ChapterDraft {
  return { number, title, line, items: [], text: [], grouped: false };
}

/** "关于印发…重点任务" + "分工方案的通知": a short unpunctuated line continuing a short title. */
function continuesTitle(title: string, line: string, numbered: boolean): boolean {
  return (
    !numbered &&
    title.length <= MAX_TITLE_PART &&
    line.length <= MAX_TITLE_PART &&
    !/[。;；:：,，)）〕]$/.test(title) &&
    !/[。;；:：,，]$/.test(line) &&
    !/[〔[]\d{4}[〕\]]/.test(line) &&
    !isFurniture(line)
  );
}

/** A chapter heading is wrapped when its first line filled the page's width (15 characters or more). */
const WRAPPED_HEADING = 15;

/** "一、深入实施创新驱动发展战略，加快建设" + "现代化产业体系": a wrapped heading's second line. */
function continuesHeading(title: string, line: string, numbered: boolean): boolean {
  return (
    title.length >= WRAPPED_HEADING &&
    !numbered &&
    line.length <= MAX_TITLE_PART &&
    !/[。;；:：)）]$/.test(title) &&
    !/[。;；:：,，)）]$/.test(line) &&
    !isFurniture(line)
  );
}

/**
 * "11.121人才梯队项目。…": an item whose title starts with digits, read as item 11 only when 11 is
 * the next number in its chapter (otherwise "8.4亿元…" would be an item).
 */
function digitTitleItem(line: string, style: ItemStyle, chapter: ChapterDraft) {
  if (style !== 'arabic-dot') return undefined;
  const m = /^\s*(\d{1,2})\.(?=\d)/.exec(toHalfWidth(line));
  if (!m) return undefined;
  const number = Number(m[1]);
  const last = chapter.items.at(-1)?.id.split('.')[1];
  if (number !== (last === undefined ? 1 : Number(last) + 1)) return undefined;
  return { number, rest: line.slice(m[0].length).trim(), restAt: m[0].length };
}

function finishChapters(
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

/**
 * The plan year: named in the title or preamble ("2023年工作要点"), else the year of the document
 * number ("国发〔2019〕3号") or of the date it was issued on ("2019年1月12日" alone on a line).
 */
function yearFrom(opening: string[], all: string[]): number {
  for (const line of opening) {
    const m = /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(line));
    if (m) return Number(m[1]);
  }
  for (const line of all) {
    const half = toHalfWidth(line.trim());
    const m =
      /^[\u4e00-\u9fa5]{1,12}[〔[]((?:19|20)\d{2})[〕\]]\d{1,4}号$/.exec(half) ??
      /^((?:19|20)\d{2})年\d{1,2}月\d{1,2}日$/.exec(half);
    if (m) return Number(m[1]);
  }
  throw new ImportError(
    '无法确定计划年度：标题中没有年份（如“2023年工作要点”），请加上 --year 2023 / cannot tell the plan year: the title names none (such as "2023年工作要点"); pass --year 2023',
  );
}

/** A numbered point's text without its number and closing separator. */
function subPointText(line: string, style: ItemStyle): string {
  return (matchItem(line, style)?.rest ?? line).replace(/[；;]$/, '');
}
