/**
 * What a lost ledger means and what an admin does about it, in the words every path uses: /readyz,
 * the admin route, the CLI and the chat command.
 */
import type { LedgerLoss } from '../store/ledger-loss.js';

/** The three ways an admin acknowledges, named the same wherever they are told. */
const HOW_TO_ACK = 'POST /admin/ledger-lost/ack、duban ack-ledger-lost，或在群里 @督办 发送「确认账本丢失」';

/** What happened and what to do, Chinese first: every replica's /readyz alarm. */
export function ledgerLostDetail(loss: LedgerLoss): string {
  return (
    `账本丢失于 ${loss.at}：Redis 被清空或以空库重启，计划已从 config/ 重新同步，但此前的完成确认、销号和审计记录都已不在。` +
    `请按 docs/部署指南.md 第 18 节“备份与恢复”，用最近的 Redis 快照（AOF/RDB）或 duban export 导出的台账恢复，` +
    `然后由管理员确认：${HOW_TO_ACK}。` +
    ` — ledger lost at ${loss.at}: confirmations, verifications and the audit stream are gone; restore from the last` +
    ' duban export or AOF/RDB backup (docs/部署指南.md, section 18), then acknowledge it' +
    ' (POST /admin/ledger-lost/ack, duban ack-ledger-lost, or 确认账本丢失 in chat)'
  );
}

/** The answer to an acknowledgement, by any path. */
export function ledgerLossAckAnswer(acknowledged: LedgerLoss | null): string {
  return acknowledged
    ? `已确认账本丢失（丢失于 ${acknowledged.at}），确认人已记入审计流，/readyz 恢复正常。` +
        '若尚未从备份恢复，请按部署指南第 18 节恢复，或请各科对照导出的台账重新确认。'
    : '没有待确认的账本丢失，无需确认。';
}
