import { toHalfWidth } from '../plan/import/normalize.js';
import { DONE_WORDS } from '../understand/command-forms.js';
import { questionText } from '../understand/question-text.js';

/** A reply to a reminder that says it is done: "已完成", "完成了，报告已报送", "done", "✅". Captures the note. */
const DONE_REPLY = new RegExp(
  `^(全部完成|都完成了|全部已完成|all done)?\\s*(?:${DONE_WORDS})?[\\s,，。.!！:：]*(.*)$`,
  'is',
);

export interface DoneReply {
  all: boolean;
  note: string;
}

/**
 * Reads a reply to a reminder; undefined when it does not say done — and when it asks
 * ("完成了吗？", "done?"): a leader's question under a reminder must not confirm it.
 */
export function parseDoneReply(raw: string): DoneReply | undefined {
  if (questionText(raw, []).asked) return undefined;
  const text = plainText(raw);
  const said = new RegExp(`^(全部完成|都完成了|全部已完成|all done|${DONE_WORDS})`, 'i').exec(text);
  if (!said) return undefined;
  const m = DONE_REPLY.exec(text)!;
  return { all: m[1] !== undefined, note: (m[2] ?? '').trim() };
}

/** The message as typed, minus @mentions, half-width, single-spaced: notes keep their punctuation. */
export function plainText(raw: string): string {
  return toHalfWidth(raw).replace(/@\S+/g, ' ').replace(/\s+/g, ' ').trim();
}
