import type { Command } from '../command.js';
import { textReply } from '../reply.js';
import { awaitingVerification, VERIFY_OFF } from '../verification.js';
import { verifyQueueReply } from './verify.js';

/** The queue shown at once; more waiting are counted, and shrink as they are verified. */
const SHOWN = 10;

/** "待销号": the work confirmed by every lead section and not yet verified, oldest due first. */
export const verifyQueueCommand: Command = {
  intent: 'verify-queue',
  summary: '待销号：等待管理员销号的工作',
  examples: ['待销号'],
  async run(ctx) {
    if (!ctx.config.reminders.require_verify) return textReply(VERIFY_OFF);
    const waiting = (await ctx.deps.store.allOccurrences()).filter(awaitingVerification);
    if (waiting.length === 0) return textReply('目前没有待销号的工作。');
    const reply = verifyQueueReply(ctx, waiting.slice(0, SHOWN));
    if (waiting.length <= SHOWN || reply.kind !== 'card') return reply;
    const more = {
      tag: 'markdown' as const,
      content: `另有 ${waiting.length - SHOWN} 项，销号后再发「待销号」查看。`,
    };
    return { ...reply, card: { ...reply.card, body: { elements: [...reply.card.body.elements, more] } } };
  },
};
