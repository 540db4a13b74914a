import type { Card } from '../bot/reply.js';
import type { LocalDate } from '../plan/types.js';

/**
 * A message the reminders hand to the outbox. `key` is the logical message — the outbox derives
 * Lark's `uuid` from it — and is the same on every replica that composes the same message, so a
 * resend after a lost lease is deduped by Lark. After Lark accepts it, the message id is
 * remembered with `occurrenceIds` so that a reply "已完成" confirms them.
 */
export interface OutgoingReminder {
  key: string;
  /**
   * reminder: one occurrence for a section; digest: several for a section; escalation: to the
   * leadership chat; weekly: the leadership digest; missed: what was missed while duban was down;
   * progress: a section's monthly 进展填报 card (src/progress/).
   */
  kind: 'reminder' | 'digest' | 'escalation' | 'weekly' | 'missed' | 'progress';
  chatId: string;
  /** The section addressed; null for leadership and whole-bureau messages. */
  section: string | null;
  card: Card;
  /** open_ids @-mentioned in the card. */
  mentions: string[];
  /** The occurrences the message is about, in card order. */
  occurrenceIds: string[];
  /** The stage of each occurrence (aligned with occurrenceIds); empty for weekly. */
  stages: string[];
  /** The plan-local day of the sweep that composed it. */
  day: LocalDate;
}

/** The outbox, as the reminders see it: resolves once Lark has accepted the message. */
export type SendReminder = (message: OutgoingReminder) => Promise<{ messageId: string }>;
