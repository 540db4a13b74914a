import { type LedgerLoss, type LedgerLossMarks, ledgerLossAckNote } from '../ledger-loss.js';
import type { MemoryAudit } from './memory-audit.js';

/**
 * MemoryStore's ledger-loss mark. A memory store never loses its ledger while its process lives
 * (and a new process starts empty, as a first start), so nothing marks it but the contract tests.
 */
export class MemoryLedgerLoss implements LedgerLossMarks {
  private lost: LedgerLoss | null = null;

  constructor(
    private readonly clock: () => Date,
    private readonly audit: MemoryAudit,
  ) {}

  async markLedgerLost(): Promise<boolean> {
    if (this.lost) return false;
    this.lost = { at: this.clock().toISOString() };
    return true;
  }

  async ledgerLost(): Promise<LedgerLoss | null> {
    return this.lost && { ...this.lost };
  }

  async acknowledgeLedgerLost(by: string, via: string): Promise<LedgerLoss | null> {
    const lost = this.lost;
    if (!lost) return null;
    this.lost = null;
    this.audit.append({
      by,
      action: 'ack-ledger-lost',
      occurrenceId: null,
      section: null,
      note: ledgerLossAckNote(lost.at, via),
      source: 'command',
    });
    return lost;
  }
}
