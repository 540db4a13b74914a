import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { storeContract } from './contract.js';

describe('MemoryStore', () => {
  let last: Store | undefined;
  storeContract({
    create: async (options) => {
      last = new MemoryStore(options);
      return last;
    },
    replica: async () => last!,
    cleanup: async () => {
      last = undefined;
    },
  });

  describe('expiry (the memory store follows its clock)', () => {
    it('lets a claim and a message mapping lapse after their TTL', async () => {
      let now = new Date('2023-05-10T00:00:00Z');
      const store = new MemoryStore({ year: 2023, clock: () => now });
      expect(await store.claimOnce('k', 1000)).toBe(true);
      await store.rememberMessage('om_1', ['a'], 1000);
      now = new Date(now.getTime() + 999);
      expect(await store.claimOnce('k', 1000)).toBe(false);
      expect(await store.occurrencesForMessage('om_1')).toEqual(['a']);
      now = new Date(now.getTime() + 1);
      expect(await store.claimOnce('k', 1000)).toBe(true);
      expect(await store.occurrencesForMessage('om_1')).toEqual([]);
    });

    it('judges a process’s liveness by its clock: a lease outlives its owner’s last beat by the TTL only', async () => {
      let now = new Date('2023-05-10T00:00:00Z');
      const store = new MemoryStore({ year: 2023, clock: () => now });
      await store.beatOwner('pA', 5000);
      await store.beatOwner('pB', 60_000);
      expect(await store.claimReminder('k', 'pA.1', 600_000)).toBe('claimed');
      now = new Date(now.getTime() + 4999);
      expect(await store.claimReminder('k', 'pB.1', 600_000)).toBe('held');
      now = new Date(now.getTime() + 1);
      expect(await store.claimReminder('k', 'pB.1', 600_000)).toBe('claimed');
    });

    it('is unavailable once closed', async () => {
      const store = new MemoryStore({ year: 2023 });
      await store.close();
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    });
  });
});
