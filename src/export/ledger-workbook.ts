import ExcelJS from 'exceljs';
import { localDateAt } from '../store/local-date.js';
import { monthDay } from './chinese-labels.js';
import { chapterRows, type ItemRowsInput } from './item-rows.js';
import { writeLedgerSheet } from './ledger-sheet.js';

export interface LedgerWorkbookInput extends Omit<ItemRowsInput, 'section'> {
  /** The sections that get a sheet of their own, in org.yaml's order. */
  sections: readonly string[];
  /** "截至" this instant: the caller's clock, the same the store computed the views with. */
  asOf: Date;
}

/** The main sheet's name; each section's sheet is named after the section. */
export const LEDGER_SHEET_NAME = '督办台账';

/**
 * The 督办台账 as an .xlsx: the whole plan on the first sheet, grouped by chapter, then one sheet
 * per section with the items it leads or shares. Returns the file's bytes.
 */
export async function buildLedgerWorkbook(input: LedgerWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'duban 督办';
  // Stamped with the caller's clock, so the same ledger at the same instant gives the same sheet.
  workbook.created = input.asOf;
  workbook.modified = input.asOf;
  const title = ledgerTitle(input.plan.year, input.asOf, input.timeZone);
  writeLedgerSheet(workbook.addWorksheet(LEDGER_SHEET_NAME), title, chapterRows(input));
  for (const section of input.sections) {
    const chapters = chapterRows({ ...input, section });
    writeLedgerSheet(workbook.addWorksheet(sheetName(section)), `${title} — ${section}`, chapters);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "2023年工作要点督办台账（截至 11月27日）", the day in the plan's time zone. */
export function ledgerTitle(year: number, asOf: Date, timeZone: string): string {
  return `${year}年工作要点督办台账（截至${monthDay(localDateAt(asOf, timeZone))}）`;
}

/** "2023年督办台账（截至11月27日）.xlsx": what the download and the chat file are called. */
export function ledgerFileName(year: number, asOf: Date, timeZone: string): string {
  return `${year}年督办台账（截至${monthDay(localDateAt(asOf, timeZone))}）.xlsx`;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(section: string): string {
  return section.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}
