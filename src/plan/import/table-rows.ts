import { FIELD_LABELS, type FieldKind } from './fields.js';
import { itemStyleOf, matchChapter, matchItem } from './headings.js';
import { chineseNumeral, toHalfWidth } from './normalize.js';

/**
 * Plans written as a Word table (序号 | 工作任务 | 牵头科室 | 责任科室 | 完成时限, with chapter rows
 * such as "一、加强党的建设" between the items) turned into the lines the text importer reads:
 * `（N）<text>（牵头科室：…；责任科室：…；完成时限：…）`. A table is read only once its header row
 * is recognised; rows that are neither an item nor a chapter stay as plain lines, so the importer
 * warns about them by name instead of dropping them.
 */

/** A paragraph's text, or a table as rows of cell texts (a cell's paragraphs joined by "\n"). */
export type DocumentBlock = string | string[][];

export interface TableColumns {
  /** The 序号 column, when there is one. */
  number: number | undefined;
  text: number[];
  leads: number[];
  partners: number[];
  deadline: number[];
}

/** Header words of the column holding the task itself. */
const TEXT_LABELS = [
  '工作任务',
  '工作内容',
  '重点任务',
  '主要任务',
  '任务内容',
  '具体任务',
  '工作事项',
  '重点工作',
  '工作要点',
  '目标任务',
  '任务名称',
  '主要内容',
  '具体内容',
  '工作目标',
  '工作措施',
  '具体措施',
  '主要措施',
  '工作举措',
];
const NUMBER_LABELS = ['序号', '编号'];
const FIELD_KINDS: FieldKind[] = ['leads', 'partners', 'deadline'];
/** The labels written into each generated field block: the reference plan's own. */
const CANONICAL: Record<FieldKind, string> = {
  leads: '牵头科室',
  partners: '责任科室',
  deadline: '完成时限',
};

/** Header cells are often spaced out ("牵 头 科 室") or broken over lines. */
function headerWord(cell: string): string {
  return toHalfWidth(cell).replace(/\s+/g, '');
}

/**
 * The columns of a header row, or undefined when the row is not one: it needs a task column and
 * at least one of the field columns.
 */
export function readHeader(row: string[]): TableColumns | undefined {
  const columns: TableColumns = { number: undefined, text: [], leads: [], partners: [], deadline: [] };
  row.forEach((cell, index) => {
    const word = headerWord(cell);
    if (word === '') return;
    const kind = FIELD_KINDS.find((k) => FIELD_LABELS[k].some((label) => word.includes(label)));
    if (kind) columns[kind].push(index);
    else if (TEXT_LABELS.some((label) => word.includes(label))) columns.text.push(index);
    else if (NUMBER_LABELS.includes(word)) columns.number ??= index;
  });
  const fields = columns.leads.length + columns.partners.length + columns.deadline.length;
  if (columns.text.length === 0 || fields === 0) return undefined;
  // A table with only 责任单位 names who answers for the task: that is the lead, not a partner.
  if (columns.leads.length === 0 && columns.partners.length > 0) {
    columns.leads = columns.partners.splice(0, 1);
  }
  return columns;
}

/** The index of a table's header row, or -1. */
export function findHeaderRow(rows: string[][]): number {
  return rows.findIndex((row) => readHeader(row) !== undefined);
}

/** Whether any table of the document is a plan table this module can read. */
export function hasPlanTable(blocks: DocumentBlock[]): boolean {
  return blocks.some((b) => typeof b !== 'string' && findHeaderRow(b) >= 0);
}

/**
 * The document as importer lines: paragraphs as they are, plan tables row by row, and other
 * tables one plain line per row. Item numbers restart at each chapter, table row or paragraph.
 */
export function documentLines(blocks: DocumentBlock[]): string[] {
  const numbering = new ItemNumbering();
  return blocks.flatMap((block) => {
    if (typeof block === 'string') {
      if (matchChapter(block)) numbering.newChapter();
      return [block];
    }
    return tableLines(block, numbering);
  });
}

/** Sequential numbers within a chapter, continuing after any number the 序号 column gave. */
class ItemNumbering {
  private last = 0;
  newChapter(): void {
    this.last = 0;
  }
  next(given: number | undefined): number {
    this.last = given ?? this.last + 1;
    return this.last;
  }
}

function tableLines(rows: string[][], numbering: ItemNumbering): string[] {
  const headerAt = findHeaderRow(rows);
  if (headerAt < 0) return rows.map(plainLine).filter((l) => l !== '');
  const columns = readHeader(rows[headerAt]!)!;
  const lines = rows.slice(0, headerAt).map(plainLine);
  for (const row of rows.slice(headerAt + 1)) {
    if (readHeader(row)) continue; // the header repeated on a later page
    lines.push(rowLine(row, columns, numbering));
  }
  return lines.filter((l) => l !== '');
}

function rowLine(row: string[], columns: TableColumns, numbering: ItemNumbering): string {
  const cell = (i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  const cells = (indexes: number[]) => indexes.map(cell).filter((c) => c !== '');
  const numberCell = cell(columns.number);
  const text = joinText(cells(columns.text));
  const fields = FIELD_KINDS.map((kind) => [kind, cells(columns[kind]).join('\n')] as const).filter(
    ([, value]) => value !== '',
  );

  const chapter = chapterLine(row, numberCell, text, fields.length);
  if (chapter !== undefined) {
    numbering.newChapter();
    return chapter;
  }
  if (text === '' || (fields.length === 0 && numberCell === '')) return plainLine(row);

  let given = sequenceNumber(numberCell);
  let body = text;
  const style = numberCell === '' ? itemStyleOf(text) : undefined;
  const heading = style ? matchItem(text, style) : undefined;
  if (heading) {
    given = heading.number;
    body = heading.rest;
  }
  const block = fields.map(([kind, value]) => `${CANONICAL[kind]}：${listValue(value)}`).join('；');
  return `（${numbering.next(given)}）${body}${block === '' ? '' : `（${block}）`}`;
}

/**
 * A chapter row: one text across the row (usually a merged cell) reading "一、…" or "第一部分 …",
 * or a 序号 of 一/二/三 beside a task cell and no fields.
 */
function chapterLine(
  row: string[],
  numberCell: string,
  text: string,
  fieldCount: number,
): string | undefined {
  const distinct = [...new Set(row.map((c) => c.trim()).filter((c) => c !== ''))];
  if (distinct.length === 1 && matchChapter(oneLine(distinct[0]!))) return oneLine(distinct[0]!);
  const numeral = toHalfWidth(numberCell).replace(/[、.\s]+$/, '');
  if (fieldCount === 0 && text !== '' && /^[一二三四五六七八九十]+$/.test(numeral)) {
    return `${numeral}、${oneLine(text)}`;
  }
  return undefined;
}

/** "3", "3.", "（3）", "三": the number in a 序号 cell. */
function sequenceNumber(cell: string): number | undefined {
  const m = /^\(?\s*([0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*\)?\s*[.、]?$/.exec(toHalfWidth(cell).trim());
  const n = m ? chineseNumeral(m[1]!) : undefined;
  return n === undefined || n === 0 ? undefined : n;
}

/** A task cell's paragraphs as one sentence run: a paragraph without closing punctuation ends in 。. */
function joinText(parts: string[]): string {
  const paragraphs = parts
    .flatMap((p) => p.split('\n'))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paragraphs
    .map((p, i) => (i < paragraphs.length - 1 && !/[。；;，,：:！!？?]$/.test(p) ? `${p}。` : p))
    .join('');
}

/** Names in a cell, one a paragraph or already separated, as one 、-separated list. */
function listValue(value: string): string {
  return value
    .split('\n')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .join('、');
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .join(' ');
}

/** A row kept as it is: its distinct cells, in order, separated by spaces. */
function plainLine(row: string[]): string {
  return [...new Set(row.map(oneLine).filter((c) => c !== ''))].join(' ');
}
