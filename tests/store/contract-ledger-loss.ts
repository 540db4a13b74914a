import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract.js';

export function ledgerLossContract(ctx: ContractContext): void {
  describe('the ledger-lost mark', () => {
    it('is set once, by whichever replica notices first, stamped by its clock, and seen by all', async () => {
      const other = await ctx.replica();
      expect(await ctx.store.ledgerLost()).toBeNull();
      const first = ctx.now();
      expect(await ctx.store.markLedgerLost()).toBe(true);
      ctx.setNow('2023-05-10T02:00:05.000Z');
      expect(await other.markLedgerLost()).toBe(false);
      expect(await other.ledgerLost()).toEqual({ at: first });
      expect(await ctx.store.ledgerLost()).toEqual({ at: first });
    });

    it('is cleared by an acknowledgement, which the audit stream records with who and when', async () => {
      const other = await ctx.replica();
      await ctx.sync();
      await ctx.store.markLedgerLost();
      const lostAt = ctx.now();
      ctx.setNow('2023-05-11T01:00:00.000Z');
      expect(await other.acknowledgeLedgerLost('周婷', 'POST /admin/ledger-lost/ack')).toEqual({
        at: lostAt,
      });
      expect(await ctx.store.ledgerLost()).toBeNull();
      const last = (await ctx.store.audit()).at(-1)!;
      expect(last).toMatchObject({
        action: 'ack-ledger-lost',
        by: '周婷',
        at: '2023-05-11T01:00:00.000Z',
        occurrenceId: null,
        section: null,
        note: `ledger lost at ${lostAt}; acknowledged via POST /admin/ledger-lost/ack`,
        source: 'command',
      });
      // The plan's views still read after an entry that is not a ledger change.
      expect((await ctx.store.allOccurrences()).length).toBeGreaterThan(0);
    });

    it('acknowledging with nothing lost writes nothing; a later loss is marked again', async () => {
      expect(await ctx.store.acknowledgeLedgerLost('周婷', 'duban ack-ledger-lost')).toBeNull();
      expect(await ctx.store.audit()).toEqual([]);
      await ctx.store.markLedgerLost();
      await ctx.store.acknowledgeLedgerLost('周婷', 'chat');
      ctx.setNow('2023-06-01T00:00:00.000Z');
      expect(await ctx.store.markLedgerLost()).toBe(true);
      expect(await ctx.store.ledgerLost()).toEqual({ at: '2023-06-01T00:00:00.000Z' });
    });
  });
}
