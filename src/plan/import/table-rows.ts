import type { FieldKind } from './fields.js';
import { itemStyleOf, matchChapter, matchItem } from './headings.js';
import { chineseNumeral, toHalfWidth } from './normalize.js';
import { findHeader, guessColumns, readHeader, type TableColumns } from './table-header.js';

export { readHeader, type TableColumns } from './table-header.js';

/**
 * Plans written as a Word table (序号 | 工作任务 | 牵头科室 | 责任科室 | 完成时限, with chapter rows
 * such as "一、加强党的建设" between the items) turned into the lines the text importer reads:
 * `（N）<text>（牵头科室：…；责任科室：…；完成时限：…）`. A table is read only once its header row
 * is recognised; rows that are neither an item nor a chapter stay as plain lines, so the importer
 * warns about them by name instead of dropping them.
 */

/** A paragraph's text, or a table as rows of cell texts (a cell's paragraphs joined by "\n"). */
export type DocumentBlock = string | string[][];

const FIELD_KINDS: FieldKind[] = ['leads', 'partners', 'deadline'];
/** The labels written into each generated field block: the reference plan's own. */
const CANONICAL: Record<FieldKind, string> = {
  leads: '牵头科室',
  partners: '责任科室',
  deadline: '完成时限',
};

/** The columns of a table this module can read, and the rows its header spans. */
function planColumns(rows: string[][]): { at: number; rows: number; columns: TableColumns } | undefined {
  return findHeader(rows) ?? guessed(rows);
}

function guessed(rows: string[][]) {
  const columns = guessColumns(rows);
  if (!columns) return undefined;
  // A first row whose task cell is short and names no unit is a header in words we do not know.
  const first = rows[0] ?? [];
  const headerLike =
    columns.leads.every((i) => (first[i] ?? '').trim().length <= 8) &&
    (first[columns.text[0]!] ?? '').length <= 12;
  return { at: 0, rows: headerLike ? 1 : 0, columns };
}

/** Whether any table of the document is a plan table this module can read. */
export function hasPlanTable(blocks: DocumentBlock[]): boolean {
  return blocks.some((b) => typeof b !== 'string' && planColumns(b) !== undefined);
}

/** An importer line and where the user finds it: "表2 第5行" for a table row. */
export interface NamedLine {
  text: string;
  where?: string;
}

/**
 * The document as importer lines: paragraphs as they are, plan tables row by row, and other
 * tables one plain line per row. Item numbers restart at each chapter, table row or paragraph.
 */
export function documentLines(blocks: DocumentBlock[]): string[] {
  return namedDocumentLines(blocks).map((l) => l.text);
}

/** documentLines with where each line came from: paragraphs "第N段", table rows "表N 第M行". */
export function namedDocumentLines(blocks: DocumentBlock[]): NamedLine[] {
  const numbering = new ItemNumbering();
  let tables = 0;
  let paragraphs = 0;
  return blocks.flatMap((block) => {
    if (typeof block === 'string') {
      if (matchChapter(block)) numbering.newChapter();
      paragraphs++;
      return block.split('\n').map((text) => ({ text, where: `第${paragraphs}段` }));
    }
    tables++;
    return tableLines(block, numbering, tables);
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

function tableLines(rows: string[][], numbering: ItemNumbering, table: number): NamedLine[] {
  const where = (row: number) => `表${table} 第${row + 1}行`;
  const plain = (row: string[], i: number): NamedLine => ({ text: plainLine(row), where: where(i) });
  const header = planColumns(rows);
  if (!header) return rows.map(plain).filter((l) => l.text !== '');
  const lines = rows.slice(0, header.at).map(plain);
  let last: RowItem | undefined;
  rows.forEach((row, i) => {
    if (i < header.at + header.rows) return;
    if (readHeader(row)) return; // the header repeated on a later page
    const read = readRow(row, header.columns);
    if (read.kind === 'chapter') {
      numbering.newChapter();
      last = undefined;
      lines.push({ text: read.text, where: where(i) });
    } else if (read.kind === 'group') {
      last = undefined;
      lines.push({ text: read.text, where: where(i) });
    } else if (read.kind === 'plain') {
      last = undefined;
      lines.push(plain(row, i));
    } else if (last && continues(last, read)) {
      last.merge(read);
    } else {
      last = new RowItem(read, where(i), numbering);
      lines.push(last.line);
    }
  });
  for (const line of lines) if (line instanceof RowLine) line.text = line.item.text();
  return lines.filter((l) => l.text !== '');
}

type ReadRow =
  | { kind: 'chapter'; text: string }
  | { kind: 'group'; text: string }
  | { kind: 'plain' }
  | { kind: 'item'; numberCell: string; text: string; fields: Map<FieldKind, string[]> };

type ItemRow = Extract<ReadRow, { kind: 'item' }>;

function readRow(row: string[], columns: TableColumns): ReadRow {
  const cell = (i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  const cells = (indexes: number[]) => indexes.map(cell).filter((c) => c !== '');
  const numberCell = cell(columns.number);
  const text = joinText(cells(columns.text));
  const fields = new Map<FieldKind, string[]>();
  for (const kind of FIELD_KINDS) {
    const names = cells(columns[kind]).flatMap((c) => c.split('\n').map((n) => n.trim()));
    if (names.some((n) => n !== ''))
      fields.set(
        kind,
        names.filter((n) => n !== ''),
      );
  }
  const chapter = chapterLine(row, numberCell, text, fields.size);
  if (chapter !== undefined) return { kind: 'chapter', text: chapter };
  // A group row "（一）着力扩大内需" above numbered tasks, with no units: the chapter's text.
  const group = /^\(([一二三四五六七八九十]+)\)$/.exec(toHalfWidth(numberCell).trim());
  if (group && fields.size === 0 && text !== '')
    return { kind: 'group', text: `（${group[1]}）${oneLine(text)}` };
  if (text === '' || (fields.size === 0 && numberCell === '')) return { kind: 'plain' };
  return { kind: 'item', numberCell, text, fields };
}

/**
 * A row continues the task above it when its 序号 is the same (a 序号 cell merged over two rows
 * repeats in both) or, with no 序号, its task text is (a merged task cell beside two rows of units).
 */
function continues(item: RowItem, row: ItemRow): boolean {
  if (row.numberCell !== '') return row.numberCell === item.numberCell;
  return row.text === item.firstText;
}

/** A line whose text is filled in once every row of its task was read. */
class RowLine implements NamedLine {
  text = '';
  constructor(
    readonly item: RowItem,
    readonly where: string,
  ) {}
}

/** One task read from one or more rows. */
class RowItem {
  readonly numberCell: string;
  readonly firstText: string;
  readonly line: RowLine;
  private readonly texts: string[];
  private readonly fields: Map<FieldKind, string[]>;
  private readonly number: number;
  private readonly body: string;

  constructor(row: ItemRow, where: string, numbering: ItemNumbering) {
    this.numberCell = row.numberCell;
    this.firstText = row.text;
    this.texts = [];
    this.fields = new Map([...row.fields].map(([k, v]) => [k, [...v]]));
    let given = sequenceNumber(row.numberCell);
    let body = row.text;
    const style = row.numberCell === '' ? itemStyleOf(row.text) : undefined;
    const heading = style ? matchItem(row.text, style) : undefined;
    if (heading) {
      given = heading.number;
      body = heading.rest;
    }
    this.body = body;
    this.number = numbering.next(given);
    this.line = new RowLine(this, where);
  }

  merge(row: ItemRow): void {
    if (row.text !== this.firstText && !this.texts.includes(row.text)) this.texts.push(row.text);
    for (const [kind, names] of row.fields) {
      const known = this.fields.get(kind) ?? [];
      this.fields.set(kind, [...known, ...names.filter((n) => !known.includes(n))]);
    }
  }

  text(): string {
    const block = FIELD_KINDS.filter((k) => this.fields.has(k))
      .map((k) => `${CANONICAL[k]}：${listValue(this.fields.get(k)!.join('\n'))}`)
      .join('；');
    const body = joinText([this.body, ...this.texts]);
    return `（${this.number}）${body}${block === '' ? '' : `（${block}）`}`;
  }
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
