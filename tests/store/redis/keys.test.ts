import { describe, expect, it } from 'vitest';
import { globalKeys, keyPatterns, planKeys } from '../../../src/store/redis/keys.js';

describe('keys', () => {
  it('puts every plan key behind the hash tag {prefix:year}', () => {
    const k = planKeys('duban', 2023);
    expect(k.base).toBe('{duban:2023}:');
    expect(k.meta).toBe('{duban:2023}:meta');
    expect(k.occurrences).toBe('{duban:2023}:occ');
    expect(k.confirmations('8.4/m2/2023')).toBe('{duban:2023}:conf:8.4/m2/2023');
    expect(planKeys('duban', 2024).meta).not.toBe(k.meta);
  });

  it('keeps claims outside any plan, and reminder leases, liveness and mappings behind one tag', () => {
    const g = globalKeys('duban');
    expect(g.claim('event:ev_1')).toBe('duban:claim:event:ev_1');
    // One Cluster slot: a script reads a holder's liveness and writes a message's mapping and marks.
    expect(g.message('om_1')).toBe('{duban:reminders}:msg:om_1');
    expect(g.reminder('8.4/m1/2023|监督科|T-0|2023-09-28')).toBe(
      '{duban:reminders}:reminder:8.4/m1/2023|监督科|T-0|2023-09-28',
    );
    expect(g.owner('p1')).toBe('{duban:reminders}:owner:p1');
    expect(`${g.ownerBase}p1`).toBe(g.owner('p1'));
    expect([g.legacyReminder('k'), g.legacyMessage('om_1')]).toEqual(['duban:reminder:k', 'duban:msg:om_1']);
    expect(keyPatterns('t-1')).toEqual(['{t-1:*', 't-1:*']);
  });
});
