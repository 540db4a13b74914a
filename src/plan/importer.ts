import { type ChapterDraft, finishChapters, newChapter } from './import/chapter-draft.js';
import { fieldReader, statesFirstListedLeads } from './import/conventions.js';
import { isFurniture } from './import/furniture.js';
import { type ItemStyle, matchChapter, matchItem } from './import/headings.js';
import { ItemDraft } from './import/item-draft.js';
import { depthOf } from './import/item-level.js';
import { readLayout } from './import/layout.js';
import { toHalfWidth } from './import/normalize.js';
import { yearFrom } from './import/plan-year.js';
import { continuesHeading, continuesTitle } from './import/wrapped-lines.js';
import type { ImportWarning } from './import-error.js';
import type { Plan } from './types.js';

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
    if (title === undefined && isFurniture(line)) {
      // The letterhead or issuer above the title ("XX市人民政府办公室文件") is not the title.
      preamble.push(line);
      return;
    }
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

/** A numbered point's text without its number and closing separator. */
function subPointText(line: string, style: ItemStyle): string {
  return (matchItem(line, style)?.rest ?? line).replace(/[；;]$/, '');
}
