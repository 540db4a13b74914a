import { DubanError } from '../errors.js';
import { parseItemRef } from '../plan/item-ref.js';

/** Argument rules and defaults both stores apply the same way. */

export const DEFAULT_SEARCH_LIMIT = 10;
export const DEFAULT_AUDIT_LIMIT = 1000;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** The audit `by` of a sync when the caller names nobody. */
export const SYNC_ACTOR = 'sync';

/** `八（四）` → `8.4`; anything else is taken as an id as typed. */
export function resolveItemRef(ref: string): string {
  return parseItemRef(ref) ?? ref.trim();
}

export function requireTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new DubanError('BAD_TTL', `ttlMs must be a whole number of milliseconds above 0, not ${ttlMs}`, {
      badInput: true,
    });
  return ttlMs;
}

export function requireLimit(limit: number | undefined, fallback: number): number {
  const n = limit ?? fallback;
  if (!Number.isInteger(n) || n <= 0)
    throw new DubanError('BAD_LIMIT', `limit must be a whole number above 0, not ${n}`, { badInput: true });
  return n;
}
