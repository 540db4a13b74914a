import { DubanError } from '../errors.js';
import { parseItemRef } from '../plan/item-ref.js';

/** Argument rules and defaults both stores apply the same way. */

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

/**
 * A reminder lease's owner token: `<process>.<sweep>` — the process id (whose liveness beatOwner
 * keeps) and a sweep number within it. Letters, digits, `_` and `-` only, so it sits unescaped in
 * a lease value `held:<owner>:<deadline>` and a key. Answers the process id.
 */
export function ownerProcess(owner: string): string {
  const match = /^([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{1,32}$/.exec(owner);
  if (!match)
    throw new DubanError(
      'BAD_OWNER',
      `a reminder lease owner is <process>.<sweep>, not ${JSON.stringify(owner)}`,
      {
        badInput: true,
      },
    );
  return match[1]!;
}

/** A process id as beatOwner and endOwner take it (the first part of an owner token). */
export function requireProcessId(process: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(process))
    throw new DubanError(
      'BAD_OWNER',
      `a process id is letters, digits, _ and -, not ${JSON.stringify(process)}`,
      {
        badInput: true,
      },
    );
  return process;
}
