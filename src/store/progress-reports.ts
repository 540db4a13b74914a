import { DubanError } from '../errors.js';
import { resolveItemRef } from './store-args.js';

/**
 * Monthly progress reports (进展填报), as the store keeps them: the notes sections write on their
 * items, and the request cards they answer. Both live under the plan year's keys, so a later
 * year's notes never mix with this one's.
 */
export interface ProgressReports {
  /** Appends a note, stamped by the store's clock; answers it as stored. */
  addProgressNote(note: NewProgressNote): Promise<ProgressNote>;
  /** Notes oldest first: every item's, or one item's (the id in any form people type). */
  progressNotes(itemId?: string): Promise<ProgressNote[]>;
  /** A request card Lark accepted: replies to `messageId` are read against its items. */
  recordProgressRequest(request: ProgressRequest): Promise<void>;
  /** The request card `messageId` is; null when it is none. */
  progressRequest(messageId: string): Promise<ProgressRequest | null>;
  /** The requests sent for `month` (YYYY-MM), by the time they were sent. */
  progressRequests(month: string): Promise<ProgressRequest[]>;
}

/** One section's word on how an item is going. */
export interface ProgressNote {
  itemId: string;
  section: string;
  /** The reporter's name as org.yaml writes it. */
  by: string;
  byOpenId: string;
  text: string;
  /** ISO instant. */
  at: string;
}

export type NewProgressNote = Omit<ProgressNote, 'at'>;

/** One section's monthly request card. */
export interface ProgressRequest {
  messageId: string;
  section: string;
  /** The month asked about, YYYY-MM. */
  month: string;
  /** The items the card lists, in card order (its line numbers). */
  itemIds: string[];
  /** ISO instant. */
  sentAt: string;
}

/** Longer notes are cut: a monthly report is a few lines, and cards must stay small. */
export const MAX_NOTE_CHARS = 500;

/** The note checked and normalised as both stores store it; a clear error for what is missing. */
export function checkedNote(note: NewProgressNote, at: Date): ProgressNote {
  const text = Array.from(note.text.trim()).slice(0, MAX_NOTE_CHARS).join('');
  const missing = Object.entries({ ...note, text })
    .filter(([, value]) => value.trim() === '')
    .map(([field]) => field);
  if (missing.length > 0)
    throw new DubanError('BAD_PROGRESS_NOTE', `a progress note needs ${missing.join(', ')}`, {
      badInput: true,
    });
  return { ...note, itemId: resolveItemRef(note.itemId), text, at: at.toISOString() };
}

export function checkedMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new DubanError('BAD_MONTH', `a month is written YYYY-MM, not ${JSON.stringify(month)}`, {
      badInput: true,
    });
  return month;
}

/** A stored note or request, read back; a malformed one is an error naming what it was. */
export function parseStored<T>(json: string, what: string, required: readonly (keyof T)[]): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || required.some((k) => !(k in value)))
    throw new DubanError('BAD_STORED_VALUE', `a stored ${what} is malformed: ${json.slice(0, 80)}`);
  return value as T;
}

export const NOTE_FIELDS = ['itemId', 'section', 'by', 'byOpenId', 'text', 'at'] as const;
export const REQUEST_FIELDS = ['messageId', 'section', 'month', 'itemIds', 'sentAt'] as const;
