import { occurrenceLine, shortDate } from '../cards/format.js';
import type { Command } from '../command.js';
import { textReply } from '../reply.js';
import {
  describeSendBack,
  mayVerify,
  sendBackOccurrence,
  VERIFY_OFF,
  verifyRefusal,
} from '../verification.js';
import { namedOccurrences, notFound } from './verify.js';

/**
 * "退回 8.4 [9月30日] 原因": an admin sends confirmed work back. The reason is required — it is what
 * the section's head is told — and a 退回 that could mean several pieces of work asks for the date.
 */
export const sendBackCommand: Command = {
  intent: 'send-back',
  summary: '退回：科室确认的工作不符合要求，写明原因（管理员，需启用销号）',
  examples: ['退回 8.4 9月30日 请补充检查报告'],
  async run(ctx, { question }) {
    if (!ctx.config.reminders.require_verify) return textReply(VERIFY_OFF);
    if (!mayVerify(ctx)) return textReply(verifyRefusal(ctx, '退回'));
    const occurrences = await namedOccurrences(ctx, question);
    if (occurrences === undefined) return notFound(question);
    const item = question.itemRef ?? occurrences[0]!.itemId;
    const reason = question.note ?? '';
    if (reason === '')
      return textReply(`请写明退回原因，原因会转告科室负责人，例如「退回 ${item} 请补充检查报告」。`);
    const confirmed = occurrences.filter((o) => o.confirmations.length > 0);
    if (confirmed.length === 0) return textReply(`「${item}」还没有科室确认完成的工作，无需退回。`);
    if (confirmed.length > 1) {
      const lines = confirmed.map((o) => `· ${occurrenceLine(o)}`);
      return textReply(
        `「${item}」有 ${confirmed.length} 个已确认的节点，请写明日期，例如「退回 ${item} ${shortDate(confirmed[0]!.due)} ${reason}」：\n${lines.join('\n')}`,
      );
    }
    return textReply(describeSendBack(ctx, await sendBackOccurrence(ctx, confirmed[0]!, reason, 'command')));
  },
};
