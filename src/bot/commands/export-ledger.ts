import type { Org } from '../../config/org-schema.js';
import { ledgerFile } from '../../export/ledger-file.js';
import type { Command } from '../command.js';
import { textReply } from '../reply.js';

/**
 * "导出台账": the 督办台账 as an .xlsx, uploaded to Lark and sent as a file message in the chat it
 * was asked in, then a line saying what it is. Only admins and the bureau's leaders (each
 * section's 分管领导 in org.yaml) may: the 台账 shows every section's standing.
 */
export const exportLedgerCommand: Command = {
  intent: 'export-ledger',
  summary: '（管理员、局领导）导出督办台账 Excel',
  examples: ['导出台账'],
  async run(ctx) {
    const { org } = ctx.config;
    if (!ctx.senderIsAdmin && !leaderIds(org).has(ctx.inbound.sender.openId))
      return textReply(`导出台账仅限${whoMay(org)}。`);
    if (!ctx.deps.shareFile)
      return textReply('此部署不能在聊天中发送文件；请管理员用 duban export --xlsx 导出台账。');
    const file = await ledgerFile(ctx.deps.store, ctx.config, ctx.now);
    try {
      await ctx.deps.shareFile({
        chatId: ctx.inbound.chatId,
        replyTo: ctx.inbound.messageId,
        name: file.name,
        bytes: file.bytes,
        type: 'xls',
        key: `ledger-file:${ctx.inbound.messageId}`,
      });
    } catch {
      return textReply(
        '台账已生成，但发送到飞书失败，请稍后再试；急用可请管理员用 duban export --xlsx 导出。',
      );
    }
    const { total, done, overdue } = file.counts;
    return textReply(
      `已发送《${file.title}》：共 ${total} 个节点（按节点计），已完成 ${done} 个，逾期 ${overdue} 个，逾期事项标红。` +
        '第一张表为全局台账，其后每个科室一张。',
    );
  },
};

function leaderIds(org: Org): Set<string> {
  return new Set(org.sections.flatMap((s) => (s.leader?.open_id ? [s.leader.open_id] : [])));
}

/** "督办管理员（张敏、周婷）和局领导（李建国、王丽华）". */
function whoMay(org: Org): string {
  const admins = org.admins.map((a) => a.name);
  const leaders = [...new Set(org.sections.flatMap((s) => (s.leader ? [s.leader.name] : [])))];
  const parts = [
    admins.length > 0 ? `督办管理员（${admins.join('、')}）` : '',
    leaders.length > 0 ? `局领导（${leaders.join('、')}）` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('和') : '督办管理员和局领导';
}
