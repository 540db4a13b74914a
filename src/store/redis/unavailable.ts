import { DubanError } from '../../errors.js';
import { StoreUnavailableError } from '../errors.js';

/** Server replies that mean "not now" rather than "wrong": the store is unavailable, not broken. */
const UNAVAILABLE_REPLIES = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|READONLY|TRYAGAIN|OOM|NOREPLICAS)\b/;

/**
 * Turns a failed Redis call into what callers handle: connection trouble (refused, closed, timed
 * out, offline, retries exhausted) becomes StoreUnavailableError; a reply error from a bug (a
 * script error, a wrong type) stays as it is so it is not mistaken for an outage.
 */
export function asStoreError(error: unknown): Error {
  if (error instanceof DubanError) return error;
  if (!(error instanceof Error)) return new StoreUnavailableError(`Redis failed: ${String(error)}`);
  if (error.name === 'ReplyError' && !UNAVAILABLE_REPLIES.test(error.message)) return error;
  return new StoreUnavailableError(`Redis is unavailable: ${error.message}`, { cause: error });
}

/** Runs a Redis call, converting its failure with asStoreError. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asStoreError(error);
  }
}
