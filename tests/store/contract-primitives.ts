import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract.js';

export function primitivesContract(ctx: ContractContext): void {
  describe('claims and message mapping', () => {
    it('claims a key once', async () => {
      expect(await ctx.store.claimOnce('event:ev_1', 60_000)).toBe(true);
      expect(await ctx.store.claimOnce('event:ev_1', 60_000)).toBe(false);
      expect(await ctx.store.claimOnce('event:ev_2', 60_000)).toBe(true);
      // Given back after failed work, the key can be claimed again (once).
      await ctx.store.releaseClaim('event:ev_1');
      expect(await ctx.store.claimOnce('event:ev_1', 60_000)).toBe(true);
      expect(await ctx.store.claimOnce('event:ev_1', 60_000)).toBe(false);
    });

    it('lets exactly one of many concurrent claims win, across replicas', async () => {
      const other = await ctx.replica();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).claimOnce('remind:1.1/m1/2023:due', 60_000),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('refuses a TTL that is not a positive whole number of milliseconds', async () => {
      await expect(ctx.store.claimOnce('k', 0)).rejects.toMatchObject({ code: 'BAD_TTL' });
      await expect(ctx.store.claimOnce('k', 1.5)).rejects.toMatchObject({ code: 'BAD_TTL' });
      await expect(ctx.store.rememberMessage('om_1', ['a'], -1)).rejects.toMatchObject({ code: 'BAD_TTL' });
    });

    it('remembers which occurrences a message was about', async () => {
      await ctx.store.rememberMessage('om_1', ['1.1/m1/2023', '1.2/m1/2023-Q1'], 60_000);
      expect(await ctx.store.occurrencesForMessage('om_1')).toEqual(['1.1/m1/2023', '1.2/m1/2023-Q1']);
      expect(await ctx.store.occurrencesForMessage('om_2')).toEqual([]);
      await ctx.store.rememberMessage('om_1', ['2.1/deadline/2023'], 60_000);
      expect(await ctx.store.occurrencesForMessage('om_1')).toEqual(['2.1/deadline/2023']);
    });

    it('answers ping', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });
  });
}
