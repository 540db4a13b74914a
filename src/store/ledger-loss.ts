/**
 * "Ledger lost": Redis was flushed (or restarted empty) while the plan had been synced, and the
 * audit stream — with the confirmations and verifications it records — went with it. The plan
 * comes back from config/ within seconds; the ledger does not. The mark is kept in the store, so
 * every replica (and every restart) reports it, until an admin acknowledges it.
 */
export interface LedgerLossMarks {
  /**
   * Marks the ledger lost now (the store clock), unless it is marked already (atomic
   * set-if-absent): true if this call marked it. Two replicas noticing the same loss mark it once.
   */
  markLedgerLost(): Promise<boolean>;
  /** The loss not yet acknowledged; null when there is none. */
  ledgerLost(): Promise<LedgerLoss | null>;
  /**
   * An admin acknowledges the loss: the mark is cleared and an audit entry (`ack-ledger-lost`,
   * `by`, the loss time and `via`) written, in one step. Answers the loss acknowledged, or null
   * when there was none (nothing is written then).
   */
  acknowledgeLedgerLost(by: string, via: string): Promise<LedgerLoss | null>;
}

export interface LedgerLoss {
  /** ISO instant the loss was noticed (after the plan was synced again). */
  at: string;
}

/** The audit note of an acknowledgement: when the ledger was lost, and through what it was acknowledged. */
export function ledgerLossAckNote(at: string, via: string): string {
  return `ledger lost at ${at}; acknowledged via ${via}`;
}
