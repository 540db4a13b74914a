import type { Alignment, Borders, Fill, PaperSize, Worksheet } from 'exceljs';
import { chineseNumber } from './chinese-labels.js';
import type { ChapterRows, ItemRow } from './item-rows.js';

/** The 台账's columns as offices print them; widths in Excel's character units. */
export const LEDGER_COLUMNS: readonly { header: string; key: keyof ItemRow; width: number }[] = [
  { header: '序号', key: 'id', width: 6 },
  { header: '工作任务', key: 'task', width: 46 },
  { header: '牵头科室', key: 'leads', width: 11 },
  { header: '责任科室', key: 'partners', width: 13 },
  { header: '完成时限', key: 'deadline', width: 11 },
  { header: '节点', key: 'milestones', width: 36 },
  { header: '进展情况', key: 'progress', width: 28 },
  { header: '完成情况', key: 'completion', width: 14 },
  { header: '销号', key: 'verification', width: 9 },
];

/** Row 1 the title, row 2 the column headers: frozen on screen and repeated on every printed page. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;

/** The highlight of a row with overdue work: a light red Excel's own "bad" style uses. */
export const OVERDUE_FILL_ARGB = 'FFFFC7CE';
const CHAPTER_FILL_ARGB = 'FFDDEBF7';
const HEADER_FILL_ARGB = 'FFD9D9D9';

const A4 = 9 as PaperSize;
const BODY_FONT = { name: '宋体', size: 10 };
const LINE_HEIGHT_POINTS = 13.5;
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top', horizontal: 'left' };
const CENTRED: Partial<Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };
/** Short columns read better centred; long text stays left-aligned from the top. */
const CENTRED_KEYS = new Set<keyof ItemRow>([
  'id',
  'leads',
  'partners',
  'deadline',
  'completion',
  'verification',
]);

/** Writes one 台账 sheet: title, headers, then each chapter's row and its items' rows. */
export function writeLedgerSheet(sheet: Worksheet, title: string, chapters: readonly ChapterRows[]): void {
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = LEDGER_COLUMNS.length;

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { name: '黑体', size: 16, bold: true };
  titleCell.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(TITLE_ROW).height = 32;

  const header = sheet.getRow(HEADER_ROW);
  header.values = LEDGER_COLUMNS.map((c) => c.header);
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = CENTRED;
    cell.border = BORDER;
    cell.fill = solid(HEADER_FILL_ARGB);
  });

  for (const chapter of chapters) {
    const row = sheet.addRow([`${chineseNumber(chapter.number)}、${chapter.title}`]);
    sheet.mergeCells(row.number, 1, row.number, last);
    const cell = row.getCell(1);
    cell.font = { ...BODY_FONT, bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
    cell.fill = solid(CHAPTER_FILL_ARGB);
    cell.border = BORDER;
    row.height = 20;
    for (const item of chapter.items) writeItemRow(sheet, item);
  }

  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, activeCell: `A${HEADER_ROW + 1}` }];
  sheet.pageSetup = {
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
  };
  sheet.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function writeItemRow(sheet: Worksheet, item: ItemRow): void {
  const row = sheet.addRow(LEDGER_COLUMNS.map((c) => item[c.key]));
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    const key = LEDGER_COLUMNS[column - 1]!.key;
    cell.font = BODY_FONT;
    cell.alignment = CENTRED_KEYS.has(key) ? CENTRED : WRAP;
    cell.border = BORDER;
    if (item.overdue) cell.fill = solid(OVERDUE_FILL_ARGB);
  });
  row.height = estimatedHeight(item);
}

/**
 * Excel does not grow a row to fit wrapped text that a program wrote, so the height is estimated:
 * a CJK character takes about two of Excel's width units.
 */
function estimatedHeight(item: ItemRow): number {
  const lines = LEDGER_COLUMNS.map((c) => {
    const usable = Math.max(1, c.width - 1);
    return String(item[c.key])
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
  });
  return Math.max(1, ...lines) * LINE_HEIGHT_POINTS + 4;
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) > 0xff ? 2 : 1;
  return width;
}

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}
