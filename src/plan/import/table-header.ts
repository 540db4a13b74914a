import { findDatePhrases } from '../deadline-grammar.js';
import { FIELD_LABELS, type FieldKind, splitList } from './fields.js';
import { toHalfWidth } from './normalize.js';

/**
 * Which column of a plan table holds what: read from its header row (or two rows, "责任单位" over
 * "牵头单位 | 配合单位"), or, when no header is known, guessed from the cells — the task is the
 * column with the longest text, units are the columns holding unit names.
 */
export interface TableColumns {
  /** The 序号 column, when there is one. */
  number: number | undefined;
  text: number[];
  leads: number[];
  partners: number[];
  deadline: number[];
}

/** Header words of the column holding the task itself; 项目名称 before 工作任务 makes title + text. */
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
  '民生实事',
  '实事项目',
  '项目名称',
  '建设内容',
  '任务举措',
];
const NUMBER_LABELS = ['序号', '编号'];
/** Words that make a column a partner column even beside 责任/主体: "责任主体与协同单位". */
const PARTNER_WORDS = /协同|配合|协办|参与|协助/;
const LEAD_WORDS = /牵头|主办|主责|责任主体/;

/** Header cells are often spaced out ("牵 头 科 室") or broken over lines. */
function headerWord(cell: string): string {
  return toHalfWidth(cell).replace(/\s+/g, '');
}

function fieldKindOf(word: string): FieldKind | undefined {
  if (PARTNER_WORDS.test(word)) return 'partners';
  if (LEAD_WORDS.test(word)) return 'leads';
  return (['leads', 'partners', 'deadline'] as const).find((k) =>
    FIELD_LABELS[k].some((l) => word.includes(l)),
  );
}

/**
 * The columns of a header row, or undefined when the row is not one: it needs a task column and
 * at least one of the field columns.
 */
export function readHeader(row: string[]): TableColumns | undefined {
  const columns: TableColumns = { number: undefined, text: [], leads: [], partners: [], deadline: [] };
  row.forEach((cell, index) => {
    const word = headerWord(cell);
    if (word === '' || word.length > 20) return;
    const kind = fieldKindOf(word);
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

/**
 * The header of a table: its index, how many rows it spans, and its columns. A second header row
 * under the first ("牵头单位 | 配合单位" under a merged "责任单位") refines the columns it names.
 */
export function findHeader(
  rows: string[][],
): { at: number; rows: number; columns: TableColumns } | undefined {
  const at = rows.findIndex((row) => readHeader(row) !== undefined);
  if (at < 0) return undefined;
  const first = rows[at]!;
  const second = rows[at + 1];
  if (second && isSubHeader(second, first)) {
    const merged = first.map((cell, i) => {
      const below = second[i] ?? '';
      return below === cell ? cell : `${cell}${below}`;
    });
    const columns = readHeader(merged);
    if (columns) return { at, rows: 2, columns };
  }
  return { at, rows: 1, columns: readHeader(first)! };
}

/** Header cells are short words; a data row has long task text, lists of units or a 序号. */
const MAX_HEADER_WORD = 12;

/** A second header row: only short words, at least one naming a field the first row does not. */
function isSubHeader(row: string[], above: string[]): boolean {
  const words = row.map(headerWord);
  if (words.some((w) => w.length > MAX_HEADER_WORD || /^\d+$/.test(w) || /[、,;]/.test(w))) return false;
  return words.some((w, i) => w !== '' && row[i] !== above[i] && fieldKindOf(w) !== undefined);
}

/** Unit names end like units do: 局, 委, 办, 科, 中心, 人民政府, 街道 … */
const UNIT_END =
  /(?:局|委|办|部|厅|科|室|处|署|中心|政府|公司|院|所|站|队|会|街道|乡镇|镇|乡|县|区|市|组|馆|行|社|团|校|集团|单位|部门|总队|支队|大队)(?:\([^)]*\))?$/;

function looksLikeUnits(cell: string): boolean {
  const names = splitList(cell.replace(/\n/g, '、'));
  return names.length > 0 && names.every((n) => n.length <= 20 && UNIT_END.test(n));
}

function looksLikeDeadline(cell: string): boolean {
  return cell.length <= 30 && findDatePhrases(toHalfWidth(cell), 2000, true).length > 0;
}

/**
 * Columns guessed from the cells of a table with no known header: the task column has the longest
 * text (at least 10 characters on average), unit columns hold unit names in most rows (the first is
 * the lead), a deadline column holds dates. Undefined when it does not look like a plan.
 */
export function guessColumns(rows: string[][]): TableColumns | undefined {
  const data = rows.filter((row) => row.filter((c) => c.trim() !== '').length >= 2);
  if (data.length < 2) return undefined;
  const width = Math.max(...data.map((r) => r.length));
  const share = (i: number, test: (cell: string) => boolean) => {
    const cells = data.map((r) => (r[i] ?? '').trim()).filter((c) => c !== '');
    return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
  };
  const averageLength = (i: number) => data.reduce((n, r) => n + (r[i] ?? '').trim().length, 0) / data.length;
  const columns: TableColumns = { number: undefined, text: [], leads: [], partners: [], deadline: [] };
  let longest = -1;
  for (let i = 0; i < width; i++) {
    if (share(i, (c) => /^\d{1,3}\.?$/.test(toHalfWidth(c))) >= 0.6) columns.number ??= i;
    else if (share(i, looksLikeUnits) >= 0.6)
      (columns.leads.length === 0 ? columns.leads : columns.partners).push(i);
    else if (share(i, looksLikeDeadline) >= 0.6) columns.deadline.push(i);
    else if (longest < 0 || averageLength(i) > averageLength(longest)) longest = i;
  }
  if (longest < 0 || averageLength(longest) < 10 || columns.leads.length === 0) return undefined;
  columns.text.push(longest);
  return columns;
}
