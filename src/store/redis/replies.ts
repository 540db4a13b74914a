import { DubanError } from '../../errors.js';
import type { OccurrenceRecord } from '../snapshot.js';
import type { Confirmation, Evidence, Verification } from '../store.js';

/**
 * Checks on what Redis and the scripts answer, and on the JSON the store wrote, instead of casts:
 * a reply of an unexpected shape (another program's keys, a script from another version) is an
 * error that says what came, not a wrong answer later.
 */

/** A DubanError, so guarded() passes it on as a fault and does not call it an outage. */
export class UnexpectedReplyError extends DubanError {
  constructor(what: string, reply: unknown) {
    super('STORE_REPLY', `unexpected ${what} from Redis: ${JSON.stringify(reply)?.slice(0, 200)}`);
  }
}

export function oneOf<T extends string>(reply: unknown, allowed: readonly T[], what: string): T {
  const found = allowed.find((a) => a === reply);
  if (found === undefined) throw new UnexpectedReplyError(what, reply);
  return found;
}

export function integer(reply: unknown, what: string): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply)) throw new UnexpectedReplyError(what, reply);
  return reply;
}

export function integers(reply: unknown, what: string): number[] {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(what, reply);
  return reply.map((r) => integer(r, what));
}

/** The replies of a MULTI … EXEC, for the checks below; the first failed command's error is thrown. */
export function execReplies(replies: [Error | null, unknown][] | null): unknown[] {
  if (replies === null) throw new UnexpectedReplyError('transaction reply (aborted)', null);
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

export function stringOrNull(reply: unknown, what: string): string | null {
  if (reply !== null && typeof reply !== 'string') throw new UnexpectedReplyError(what, reply);
  return reply;
}

/** An HGETALL reply (ioredis turns it into an object). */
export function hash(reply: unknown, what: string): Record<string, string> {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply))
    throw new UnexpectedReplyError(what, reply);
  for (const value of Object.values(reply))
    if (typeof value !== 'string') throw new UnexpectedReplyError(what, reply);
  return reply as Record<string, string>;
}

export function parseRecord(json: string): OccurrenceRecord {
  return parseObject(
    json,
    'occurrence record',
    (v) => strings(v, 'id', 'itemId', 'due', 'title') && Array.isArray(v.leads),
  );
}

export function parseConfirmation(json: string): Confirmation {
  return parseObject(json, 'confirmation', (v) => strings(v, 'section', 'by', 'at'));
}

export function parseVerification(json: string): Verification {
  return parseObject(json, 'verification', (v) => strings(v, 'by', 'at'));
}

export function parseEvidence(json: string): Evidence {
  return parseObject(json, 'evidence', (v) => strings(v, 'section', 'by', 'at', 'key', 'messageId', 'name'));
}

/** A message mapping: a JSON array of occurrence ids. */
export function parseOccurrenceIds(json: string): string[] {
  const ids = parseJson(json, 'message mapping');
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    throw new UnexpectedReplyError('message mapping', ids);
  return ids;
}

/** JSON the store wrote, an object whose key fields `looksRight` checks. */
function parseObject<T>(json: string, what: string, looksRight: (v: Record<string, unknown>) => boolean): T {
  const value = parseJson(json, what);
  if (typeof value !== 'object' || value === null || !looksRight(value as Record<string, unknown>))
    throw new UnexpectedReplyError(what, value);
  return value as T;
}

function parseJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new UnexpectedReplyError(what, json);
  }
}

function strings(v: Record<string, unknown>, ...fields: string[]): boolean {
  return fields.every((f) => typeof v[f] === 'string');
}
