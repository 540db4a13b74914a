import { parseItemRef } from '../../plan/item-ref.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeMessageText } from '../../text/user-text.js';
import type { Command } from '../command.js';
import { DONE_WORDS, plainText } from '../completion-words.js';
import { confirmOccurrence, describeConfirm, sectionsFor } from '../confirmation.js';
import type { CommandContext } from '../context.js';
import { type Reply, textReply } from '../reply.js';

const OCCURRENCE_ID = /^\d+\.\d+\/(?:m\d+|deadline)\/\d{4}(?:-[A-Z0-9]+)?$/i;
const REF = '([^\\s,，。:：]+)';
const SEP = '[\\s,，。:：]*';
/** "完成 8.4 报告已报送", "8.4 已完成", "done 8.4/m1/2023". */
const FORMS = [
  new RegExp(`^(?:确认完成|标记完成|${DONE_WORDS})\\s*${REF}${SEP}(.*)$`, 'i'),
  new RegExp(`^${REF}\\s*(?:${DONE_WORDS})${SEP}(.*)$`, 'i'),
];

/** "完成 8.4 [备注]": the sender's section confirms the item's next open milestone. */
export const confirmCommand: Command = {
  name: 'confirm',
  summary: '确认完成（牵头科室负责人或管理员）',
  examples: ['完成 8.4 已报送检查报告', '8.4 已完成'],
  match({ raw }, ctx) {
    const text = plainText(raw);
    for (const form of FORMS) {
      const m = form.exec(text);
      if (!m) continue;
      const ref = m[1]!;
      const target = OCCURRENCE_ID.test(ref) ? { occurrenceId: ref } : parseItemRef(ref);
      if (!target) continue;
      return () => confirm(ctx, target, (m[2] ?? '').trim());
    }
    return undefined;
  },
};

async function confirm(
  ctx: CommandContext,
  target: string | { occurrenceId: string },
  note: string,
): Promise<Reply> {
  const occurrence =
    typeof target === 'string'
      ? await nextToConfirm(ctx, target)
      : await ctx.deps.store.occurrence(target.occurrenceId);
  if (!occurrence) {
    const name = escapeMessageText(echo(typeof target === 'string' ? target : target.occurrenceId));
    return textReply(
      `没有找到「${name}」，或它的节点都已确认。发「${typeof target === 'string' ? name : '进度'}」查看。`,
    );
  }
  return textReply(describeConfirm(await confirmOccurrence(ctx, occurrence, note, 'command')));
}

/**
 * The item's earliest occurrence the sender still owes; failing that its earliest pending one (so a
 * sender who may not confirm hears who can), or undefined when everything is confirmed.
 */
async function nextToConfirm(ctx: CommandContext, itemId: string): Promise<OccurrenceView | undefined> {
  const occurrences = await ctx.deps.store.occurrencesOfItem(itemId);
  const owed = (o: OccurrenceView) =>
    sectionsFor(ctx, o).some((s) => !o.confirmations.some((c) => c.section === s));
  const pending = occurrences.filter((o) => o.status === 'open' || o.status === 'overdue');
  return pending.find(owed) ?? occurrences.find(owed) ?? pending[0];
}
