import type { LedgerLoss, LedgerLossMarks } from '../ledger-loss.js';
import type { PlanKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { stringOrNull } from './replies.js';
import { ackLedgerLostScript } from './scripts/ledger-loss-script.js';
import { guarded } from './unavailable.js';

/**
 * The ledger-lost mark in Redis: one string under the plan year's tag (beside the audit stream
 * the acknowledgement writes to), holding the ISO instant the loss was noticed. It has no expiry:
 * it stays until an admin acknowledges it.
 */
export class RedisLedgerLoss implements LedgerLossMarks {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: PlanKeys,
    private readonly clock: () => Date,
  ) {}

  async markLedgerLost(): Promise<boolean> {
    const at = this.clock().toISOString();
    const reply = await guarded(() => this.client.set(this.keys.ledgerLost, at, 'NX'));
    return reply === 'OK';
  }

  async ledgerLost(): Promise<LedgerLoss | null> {
    const at = await guarded(() => this.client.get(this.keys.ledgerLost));
    return at === null ? null : { at };
  }

  async acknowledgeLedgerLost(by: string, via: string): Promise<LedgerLoss | null> {
    const reply = await guarded(() =>
      ackLedgerLostScript.run(
        this.client,
        [this.keys.ledgerLost, this.keys.audit],
        [this.clock().toISOString(), by, via],
      ),
    );
    // Lua's false arrives as null.
    const at = stringOrNull(reply, 'ack-ledger-lost reply');
    return at === null ? null : { at };
  }
}
