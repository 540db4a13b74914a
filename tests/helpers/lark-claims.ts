import type { ClaimOnce } from '../../src/lark/inbound/dispatcher.js';

/**
 * An in-memory `claimOnce` for Lark inbound tests (the store provides the real one). Synchronous
 * inside, so concurrent claims of one key cannot both win — the property the store guarantees.
 */
export function memoryClaims(now: () => number = Date.now): {
  claimOnce: ClaimOnce;
  releaseClaim(key: string): Promise<void>;
  keys(): string[];
} {
  const expiries = new Map<string, number>();
  return {
    claimOnce: async (key, ttlMs) => {
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now()) return false;
      expiries.set(key, now() + ttlMs);
      return true;
    },
    releaseClaim: async (key) => void expiries.delete(key),
    keys: () => [...expiries.keys()],
  };
}
