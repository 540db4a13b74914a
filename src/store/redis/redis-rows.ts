import type { LocalDate } from '../../plan/types.js';
import { buildView } from '../ledger.js';
import type { OccurrenceRecord } from '../snapshot.js';
import type { AuditEntry, Confirmation, OccurrenceView, Verification } from '../store.js';

/** Parsing what the scripts and commands return into the Store's types. */

/** A row of the Lua `gather()`: {id, record JSON, verification JSON|'', archived-at|'', [section, JSON, …]}. */
export function viewFromRow(row: unknown, today: LocalDate): OccurrenceView {
  if (!Array.isArray(row) || row.length !== 5)
    throw new Error(`unexpected occurrence row from Redis: ${String(row)}`);
  const [, recordJson, verificationJson, archivedAt, flat] = row as [
    string,
    string,
    string,
    string,
    string[],
  ];
  const confirmations = new Map<string, Confirmation>();
  for (let i = 0; i + 1 < flat.length; i += 2)
    confirmations.set(flat[i]!, JSON.parse(flat[i + 1]!) as Confirmation);
  return buildView(
    JSON.parse(recordJson) as OccurrenceRecord,
    confirmations,
    verificationJson === '' ? null : (JSON.parse(verificationJson) as Verification),
    archivedAt === '' ? null : archivedAt,
    today,
  );
}

export function viewsFromRows(rows: unknown, today: LocalDate): OccurrenceView[] {
  return Array.isArray(rows) ? rows.map((row) => viewFromRow(row, today)) : [];
}

/** An XRANGE entry: [id, [field, value, …]]. */
export function auditFromEntry(entry: [string, string[]]): AuditEntry {
  const [id, flat] = entry;
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
  const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  return {
    id,
    at: f.get('at') ?? '',
    by: f.get('by') ?? '',
    action: f.get('action') as AuditEntry['action'],
    occurrenceId: orNull(f.get('occurrence')),
    section: orNull(f.get('section')),
    note: f.get('note') ?? '',
    source: f.get('source') as AuditEntry['source'],
  };
}
