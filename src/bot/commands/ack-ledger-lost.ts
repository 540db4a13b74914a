import type { Command } from '../command.js';
import { ledgerLossAckAnswer } from '../ledger-loss-text.js';
import { textReply } from '../reply.js';

/**
 * Admin "确认账本丢失": after Redis lost the ledger and it was restored (or the loss accepted),
 * /readyz on every replica stops reporting it; the audit stream records who acknowledged.
 */
export const ackLedgerLostCommand: Command = {
  intent: 'ack-ledger-lost',
  summary: '（管理员）确认账本丢失：从备份恢复后，/readyz 不再报警',
  examples: ['确认账本丢失'],
  async run(ctx) {
    if (!ctx.senderIsAdmin) {
      const admins = ctx.config.org.admins.map((a) => a.name).join('、');
      return textReply(`抱歉，只有督办管理员${admins ? `（${admins}）` : ''}可以确认账本丢失。`);
    }
    const acknowledged = await ctx.deps.store.acknowledgeLedgerLost(
      ctx.inbound.sender.openId,
      '确认账本丢失 (chat)',
    );
    return textReply(ledgerLossAckAnswer(acknowledged));
  },
};
