import type ExcelJS from 'exceljs';

/**
 * A worksheet as an HTML table, drawn from what the .xlsx file holds — values, merged cells,
 * fills, bold, wrapping, column widths and row heights — so a browser can show the sheet as a
 * spreadsheet program would, near enough for a picture. `rows` limits it to the first rows.
 */
export function sheetHtml(sheet: ExcelJS.Worksheet, rows: number): string {
  const widths = sheet.columns.map((c) => Math.round((c.width ?? 9) * 7.2));
  const covered = new Set<string>();
  const body: string[] = [];
  for (let r = 1; r <= Math.min(rows, sheet.rowCount); r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= widths.length; c++) {
      const cell = row.getCell(c);
      if (covered.has(cell.address)) continue;
      let span = 1;
      if (cell.isMerged && cell.master.address === cell.address) {
        while (c + span <= widths.length && row.getCell(c + span).master.address === cell.address) {
          covered.add(row.getCell(c + span).address);
          span++;
        }
      }
      cells.push(`<td${span > 1 ? ` colspan="${span}"` : ''} style="${cellStyle(cell)}">${text(cell)}</td>`);
    }
    const height = row.height ? `height:${Math.round(row.height * 1.33)}px` : '';
    body.push(`<tr style="${height}">${cells.join('')}</tr>`);
  }
  const cols = widths.map((w) => `<col style="width:${w}px">`).join('');
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; padding: 12px; background: #fff; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
    table { border-collapse: collapse; table-layout: fixed; font-size: 13px; }
    td { border: 1px solid #a0a0a0; padding: 2px 4px; overflow: hidden; vertical-align: top; }
  </style><table><colgroup>${cols}</colgroup>${body.join('')}</table>`;
}

function cellStyle(cell: ExcelJS.Cell): string {
  const style: string[] = [];
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
  if (argb) style.push(`background:#${argb.slice(2)}`);
  if (cell.font?.bold) style.push('font-weight:bold');
  if (cell.font?.size && cell.font.size > 12) style.push(`font-size:${Math.round(cell.font.size * 1.33)}px`);
  if (cell.alignment?.horizontal === 'center') style.push('text-align:center');
  if (cell.alignment?.vertical === 'middle') style.push('vertical-align:middle');
  style.push(cell.alignment?.wrapText ? 'white-space:pre-wrap' : 'white-space:nowrap');
  return style.join(';');
}

function text(cell: ExcelJS.Cell): string {
  const value = cell.value === null || cell.value === undefined ? '' : String(cell.value);
  return value.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
