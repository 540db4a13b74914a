import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract.js';

const KEY = '8.4/m1/2023|监督科|T-0|2023-09-28';
const LEASE = 60_000;
const DAY = 86_400_000;

export function reminderClaimsContract(ctx: ContractContext): void {
  const later = (ms: number) => ctx.setNow(new Date(Date.parse(ctx.now()) + ms).toISOString());

  describe('reminder claims', () => {
    it('claims once, holds while the lease runs, and is claimed again when it runs out', async () => {
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('held');
      later(LEASE - 1);
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('held');
      later(2);
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
    });

    it('answers sent once marked, whoever asks and however late, until the mark expires', async () => {
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
      await ctx.store.markReminderSent(KEY, 30 * DAY);
      later(LEASE * 10);
      const other = await ctx.replica();
      expect(await other.claimReminder(KEY, LEASE)).toBe('sent');
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('sent');
    });

    it('release drops a lease so the next claim wins, but never a sent mark', async () => {
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
      await ctx.store.releaseReminder(KEY);
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
      await ctx.store.markReminderSent(KEY, DAY);
      await ctx.store.releaseReminder(KEY);
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('sent');
      await ctx.store.releaseReminder('never-claimed');
      expect(await ctx.store.claimReminder('never-claimed', LEASE)).toBe('claimed');
    });

    it('lets exactly one of many concurrent claims win, across replicas', async () => {
      const other = await ctx.replica();
      const states = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? other : ctx.store).claimReminder(KEY, LEASE)),
      );
      expect(states.filter((s) => s === 'claimed')).toHaveLength(1);
      expect(states.filter((s) => s === 'held')).toHaveLength(29);
    });

    it('keeps reminder claims apart from claimOnce keys', async () => {
      expect(await ctx.store.claimOnce(KEY, LEASE)).toBe(true);
      expect(await ctx.store.claimReminder(KEY, LEASE)).toBe('claimed');
    });

    it('refuses a lease or TTL that is not a positive whole number of milliseconds', async () => {
      await expect(ctx.store.claimReminder(KEY, 0)).rejects.toMatchObject({ code: 'BAD_TTL' });
      await expect(ctx.store.markReminderSent(KEY, 1.5)).rejects.toMatchObject({ code: 'BAD_TTL' });
    });
  });
}
