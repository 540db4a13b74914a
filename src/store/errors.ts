import { DubanError } from '../errors.js';

/** The store cannot be reached (Redis down, timed out, refused): retry later; /readyz says not ready. */
export class StoreUnavailableError extends DubanError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('STORE_UNAVAILABLE', message, options);
  }
}

/** Codes of the ledger's refusals: the caller asked for something the plan does not allow. */
export const LedgerErrorCode = {
  unknownOccurrence: 'UNKNOWN_OCCURRENCE',
  notALead: 'NOT_A_LEAD',
  archived: 'OCCURRENCE_ARCHIVED',
} as const;

export type LedgerErrorCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

/** A confirm/undo/verify the ledger refuses; `badInput` because the person asking can fix it. */
export class LedgerError extends DubanError {
  constructor(code: LedgerErrorCode, message: string) {
    super(code, message, { badInput: true });
  }
}

export function unknownOccurrence(id: string): LedgerError {
  return new LedgerError(
    LedgerErrorCode.unknownOccurrence,
    `no occurrence "${id}" in the synced plan — run duban sync?`,
  );
}

export function notALead(id: string, section: string, leads: readonly string[]): LedgerError {
  return new LedgerError(
    LedgerErrorCode.notALead,
    `${section} is not a lead section of ${id}; its leads are ${leads.join('、') || '(none)'}`,
  );
}

export function archivedOccurrence(id: string): LedgerError {
  return new LedgerError(
    LedgerErrorCode.archived,
    `${id} is no longer in the plan (archived by a sync); its ledger is read-only`,
  );
}

/** A plan the store cannot take: wrong year, occurrences of unknown items, duplicate ids. */
export class PlanSyncError extends DubanError {
  constructor(message: string) {
    super('PLAN_SYNC', message, { badInput: true });
  }
}
