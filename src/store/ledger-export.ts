import type { OccurrenceStatus, OccurrenceView } from './store.js';

/** The ledger as `duban export` writes it: one row per occurrence. */
export interface LedgerRow {
  id: string;
  itemId: string;
  title: string;
  due: string;
  leads: string[];
  status: OccurrenceStatus;
  confirmations: { section: string; by: string; at: string; note: string }[];
}

export function ledgerRows(views: readonly OccurrenceView[]): LedgerRow[] {
  return views.map((v) => ({
    id: v.id,
    itemId: v.itemId,
    title: v.title,
    due: v.due,
    leads: [...v.leads],
    status: v.status,
    confirmations: v.confirmations.map(({ section, by, at, note }) => ({ section, by, at, note })),
  }));
}

const CSV_HEADER = ['id', 'itemId', 'title', 'due', 'leads', 'status', 'confirmations'];

/**
 * CSV that Excel opens cleanly with Chinese text: UTF-8 with a byte-order mark, CRLF rows, every
 * field quoted (so commas, quotes and line breaks inside a note are safe), and a leading quote
 * on cells starting with = + - @ so a note cannot run as a formula. Several confirmations share a
 * cell, one per line: `预算科 | 王磊 | 2023-03-30T02:00:00.000Z | 备注`.
 */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  const lines = [CSV_HEADER, ...rows.map(csvFields)].map((fields) => fields.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvFields(row: LedgerRow): string[] {
  const confirmations = row.confirmations.map((c) => [c.section, c.by, c.at, c.note].join(' | ')).join('\n');
  return [row.id, row.itemId, row.title, row.due, row.leads.join('、'), row.status, confirmations];
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
