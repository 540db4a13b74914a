import { createHash } from 'node:crypto';

/** Lark rejects a `uuid` longer than 50 characters. */
export const LARK_UUID_MAX_LENGTH = 50;

/**
 * The `uuid` Lark dedupes sends on (for an hour), derived from the caller's logical key — e.g.
 * `reminder:8.4/m2/2023:T-3:2023-09-27` — so a retry, a restart or a second replica sending the
 * same logical message produces one message. 160 bits of SHA-256, hex: 44 characters.
 */
export function messageUuid(key: string): string {
  if (key.length === 0) throw new RangeError('an outbox message needs a non-empty logical key');
  return `dbn-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}
