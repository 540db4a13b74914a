import { describe, expect, it } from 'vitest';
import type { ReminderSent } from '../../src/store/store.js';
import type { ContractContext } from './contract.js';

const KEY = '8.4/m1/2023|监督科|T-0|2023-09-28';
const OLDER = '8.4/m1/2023|监督科|T-1|2023-09-27';
const LEASE = 60_000;
const DAY = 86_400_000;
/** Liveness long enough that only an explicit endOwner (a crash, as the others see it) ends it. */
const ALIVE = 3_600_000;
/** Two processes, A and B; A runs two sweeps. */
const A = 'pA.1';
const A2 = 'pA.2';
const B = 'pB.1';

const sent = (owner: string, keys: string[], messageId = 'om_1'): ReminderSent => ({
  owner,
  messageId,
  occurrenceIds: ['8.4/m1/2023'],
  keys,
  sentTtlMs: 30 * DAY,
  messageTtlMs: DAY,
});

export function reminderClaimsContract(ctx: ContractContext): void {
  const later = (ms: number) => ctx.setNow(new Date(Date.parse(ctx.now()) + ms).toISOString());
  const alive = async (...processes: string[]) => {
    for (const p of processes) await ctx.store.beatOwner(p, ALIVE);
  };

  describe('reminder claims', () => {
    it('claims once, holds while the lease runs, and is claimed again when it runs out', async () => {
      await alive('pA', 'pB');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('held');
      later(LEASE - 1);
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('held');
      later(2);
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('claimed');
    });

    it('answers sent once marked, whoever asks and however late, until the mark expires', async () => {
      await alive('pA');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await ctx.store.recordReminderSent(sent(A, [KEY]))).toEqual([]);
      later(LEASE * 10);
      const other = await ctx.replica();
      expect(await other.claimReminder(KEY, B, LEASE)).toBe('sent');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('sent');
    });

    it('release drops the owner’s lease so the next claim wins, but never a sent mark', async () => {
      await alive('pA');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await ctx.store.releaseReminder(KEY, A)).toBe(true);
      expect(await ctx.store.claimReminder(KEY, A2, LEASE)).toBe('claimed');
      await ctx.store.recordReminderSent(sent(A2, [KEY]));
      expect(await ctx.store.releaseReminder(KEY, A2)).toBe(false);
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('sent');
      expect(await ctx.store.releaseReminder('never-claimed', A)).toBe(false);
      expect(await ctx.store.claimReminder('never-claimed', A, LEASE)).toBe('claimed');
    });

    it('lets exactly one of many concurrent claims win, across replicas', async () => {
      await alive('pA', 'pB');
      const other = await ctx.replica();
      const states = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          i % 2 ? other.claimReminder(KEY, `pB.${i}`, LEASE) : ctx.store.claimReminder(KEY, `pA.${i}`, LEASE),
        ),
      );
      expect(states.filter((s) => s === 'claimed')).toHaveLength(1);
      expect(states.filter((s) => s === 'held')).toHaveLength(29);
    });

    it('keeps reminder claims apart from claimOnce keys', async () => {
      expect(await ctx.store.claimOnce(KEY, LEASE)).toBe(true);
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
    });

    it('refuses a lease or TTL that is not a positive whole number of milliseconds, and a bad owner', async () => {
      await expect(ctx.store.claimReminder(KEY, A, 0)).rejects.toMatchObject({ code: 'BAD_TTL' });
      await expect(ctx.store.recordReminderSent({ ...sent(A, [KEY]), sentTtlMs: 1.5 })).rejects.toMatchObject(
        {
          code: 'BAD_TTL',
        },
      );
      await expect(ctx.store.beatOwner('pA', 0)).rejects.toMatchObject({ code: 'BAD_TTL' });
      for (const owner of ['pA', 'p:A.1', 'held:pA.1', ''])
        await expect(ctx.store.claimReminder(KEY, owner, LEASE)).rejects.toMatchObject({ code: 'BAD_OWNER' });
      await expect(ctx.store.beatOwner('p.A', ALIVE)).rejects.toMatchObject({ code: 'BAD_OWNER' });
    });
  });

  describe('reminder leases have owners', () => {
    it('another owner cannot release a live lease, even of the same process', async () => {
      await alive('pA', 'pB');
      const other = await ctx.replica();
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await other.releaseReminder(KEY, B)).toBe(false);
      expect(await ctx.store.releaseReminder(KEY, A2)).toBe(false);
      expect(await other.claimReminder(KEY, B, LEASE)).toBe('held');
      expect(await ctx.store.releaseReminder(KEY, A)).toBe(true);
      expect(await other.claimReminder(KEY, B, LEASE)).toBe('claimed');
    });

    it('another owner cannot mark a live lease sent: the key is answered back, the lease stays', async () => {
      await alive('pA', 'pB');
      const other = await ctx.replica();
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await other.recordReminderSent(sent(B, [KEY, OLDER], 'om_b'))).toEqual([KEY]);
      // The free key was marked, A's lease is still A's: A can release it and B then claims it.
      expect(await other.claimReminder(OLDER, B, LEASE)).toBe('sent');
      expect(await other.claimReminder(KEY, B, LEASE)).toBe('held');
      expect(await ctx.store.releaseReminder(KEY, A)).toBe(true);
      expect(await other.claimReminder(KEY, B, LEASE)).toBe('claimed');
    });

    it('a lease whose process stopped beating is stale at once, though its deadline is far off', async () => {
      await alive('pA', 'pB');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('held');
      await ctx.store.endOwner('pA'); // as if A were killed: its liveness is gone
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('claimed');
      // A, back (a stalled process), can no longer release B's lease …
      expect(await ctx.store.releaseReminder(KEY, A)).toBe(false);
      expect(await ctx.store.claimReminder(KEY, A2, LEASE)).toBe('held');
    });

    it('a lease taken by an owner whose process never beat holds nobody off', async () => {
      expect(await ctx.store.claimReminder(KEY, 'pGhost.1', LEASE)).toBe('claimed');
      await alive('pB');
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('claimed');
    });

    it('marks a stale lease sent: the message went out, whoever held the claim', async () => {
      await alive('pA', 'pB');
      expect(await ctx.store.claimReminder(KEY, A, LEASE)).toBe('claimed');
      await ctx.store.endOwner('pA');
      expect(await ctx.store.recordReminderSent(sent(B, [KEY], 'om_b'))).toEqual([]);
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('sent');
    });
  });

  describe('recording a sent reminder', () => {
    it('writes the reply mapping and every mark in one step', async () => {
      await alive('pA');
      for (const key of [KEY, OLDER]) expect(await ctx.store.claimReminder(key, A, LEASE)).toBe('claimed');
      const other = await ctx.replica();
      expect(
        await ctx.store.recordReminderSent({
          ...sent(A, [KEY, OLDER, 'never-claimed']),
          occurrenceIds: ['8.4/m1/2023', '8.4/m3/2023'],
        }),
      ).toEqual([]);
      expect(await other.occurrencesForMessage('om_1')).toEqual(['8.4/m1/2023', '8.4/m3/2023']);
      for (const key of [KEY, OLDER, 'never-claimed'])
        expect(await other.claimReminder(key, B, LEASE)).toBe('sent');
    });

    it('writes no mapping for a message about no occurrence, and marks it all the same', async () => {
      await alive('pA');
      await ctx.store.claimReminder(KEY, A, LEASE);
      await ctx.store.recordReminderSent({ ...sent(A, [KEY], 'om_weekly'), occurrenceIds: [] });
      expect(await ctx.store.occurrencesForMessage('om_weekly')).toEqual([]);
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('sent');
    });

    it('is idempotent: recording the same message twice changes nothing', async () => {
      await alive('pA');
      await ctx.store.claimReminder(KEY, A, LEASE);
      expect(await ctx.store.recordReminderSent(sent(A, [KEY]))).toEqual([]);
      expect(await ctx.store.recordReminderSent(sent(A, [KEY]))).toEqual([]);
      expect(await ctx.store.occurrencesForMessage('om_1')).toEqual(['8.4/m1/2023']);
      expect(await ctx.store.claimReminder(KEY, B, LEASE)).toBe('sent');
    });
  });
}
