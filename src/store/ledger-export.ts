import type { ProgressNote } from './progress-reports.js';
import type { OccurrenceView } from './store.js';
import type { CountPolicy } from './work-count.js';

/**
 * The ledger as `duban export` writes it: one row per unit of work — an occurrence for one of
 * its lead sections (store/work-count.ts), the unit 进度 and the digest count — so a spreadsheet's
 * row count is the total the chat shows.
 */
export interface LedgerRow {
  id: string;
  itemId: string;
  title: string;
  due: string;
  /** The lead section this row is about. */
  section: string;
  /** Every lead section of the occurrence. */
  leads: string[];
  status: UnitStatus;
  /** This section's confirmation, when it confirmed (a list, as rows had before sections split them). */
  confirmations: { section: string; by: string; at: string; note: string }[];
  /** 销号: who verified the occurrence, when. */
  verification: { by: string; at: string; note: string } | null;
  /** 进展填报: what this section reported on the item, oldest first (store.progressNotes). */
  notes: { section: string; by: string; text: string; at: string }[];
  /** 佐证材料 this section sent: the file's name, Lark's key and the message that carried it. */
  evidence: {
    kind: 'file' | 'image';
    name: string;
    key: string;
    messageId: string;
    by: string;
    at: string;
  }[];
}

/**
 * open / overdue: the section has not confirmed. done: confirmed (no 销号 required). With
 * `require_verify`: awaiting_verification once confirmed, verified once an admin verified.
 */
export type UnitStatus = 'open' | 'overdue' | 'done' | 'awaiting_verification' | 'verified';

export function ledgerRows(
  views: readonly OccurrenceView[],
  policy: CountPolicy,
  notes: readonly ProgressNote[] = [],
): LedgerRow[] {
  const notesOf = (itemId: string, section: string) =>
    notes
      .filter((n) => n.itemId === itemId && n.section === section)
      .map(({ by, text, at }) => ({ section, by, text, at }));
  return views.flatMap((v) =>
    v.leads.map((section) => {
      const confirmation = v.confirmations.find((c) => c.section === section);
      return {
        id: v.id,
        itemId: v.itemId,
        title: v.title,
        due: v.due,
        section,
        leads: [...v.leads],
        status: unitStatus(v, confirmation !== undefined, policy),
        confirmations: confirmation
          ? [{ section, by: confirmation.by, at: confirmation.at, note: confirmation.note }]
          : [],
        verification: v.verification && {
          by: v.verification.by,
          at: v.verification.at,
          note: v.verification.note,
        },
        notes: notesOf(v.itemId, section),
        evidence: v.evidence
          .filter((e) => e.section === section)
          .map(({ kind, name, key, messageId, by, at }) => ({ kind, name, key, messageId, by, at })),
      };
    }),
  );
}

function unitStatus(view: OccurrenceView, confirmed: boolean, policy: CountPolicy): UnitStatus {
  // The occurrence is not done while this unit is unconfirmed: its status says open or overdue.
  if (!confirmed) return view.status === 'overdue' ? 'overdue' : 'open';
  if (view.status === 'verified') return 'verified';
  return policy.requireVerify ? 'awaiting_verification' : 'done';
}

const CSV_HEADER = [
  'id',
  'itemId',
  'title',
  'due',
  'section',
  'leads',
  'status',
  'confirmations',
  'verification',
  'notes',
  'evidence',
];

/**
 * CSV that Excel opens cleanly with Chinese text: UTF-8 with a byte-order mark, CRLF rows, every
 * field quoted (so commas, quotes and line breaks inside a note are safe), and a leading quote
 * on cells starting with = + - @ so a note cannot run as a formula. A confirmation reads
 * `预算科 | 王磊 | 2023-03-30T02:00:00.000Z | 备注`; a progress note, one per line, the same way.
 */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  const lines = [CSV_HEADER, ...rows.map(csvFields)].map((fields) => fields.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvFields(row: LedgerRow): string[] {
  const confirmations = row.confirmations.map((c) => [c.section, c.by, c.at, c.note].join(' | ')).join('\n');
  const verification = row.verification
    ? [row.verification.by, row.verification.at, row.verification.note].join(' | ')
    : '';
  const notes = row.notes.map((n) => [n.section, n.by, n.at, n.text].join(' | ')).join('\n');
  const evidence = row.evidence.map((e) => [e.name, e.by, e.at].join(' | ')).join('\n');
  return [
    row.id,
    row.itemId,
    row.title,
    row.due,
    row.section,
    row.leads.join('、'),
    row.status,
    confirmations,
    verification,
    notes,
    evidence,
  ];
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
