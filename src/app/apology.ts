import { LarkApiError } from '../lark/errors.js';
import { LedgerError, LedgerErrorCode, StoreUnavailableError } from '../store/errors.js';

/** Lark codes after which no answer can reach the chat: the bot left it, or may not speak to the user. */
const UNREACHABLE_CODES = new Set([230002, 230013, 230011]);

/**
 * What to tell the person whose message or click failed, or null when nothing can reach them.
 * Short and in Chinese: the log has the detail, the chat needs to know what to do.
 */
export function apologyFor(error: unknown): string | null {
  if (error instanceof LedgerError) {
    if (error.code === LedgerErrorCode.archived) return '该节点已从计划中移除，无需再确认。';
    if (error.code === LedgerErrorCode.unknownOccurrence) return '计划中已没有这个节点，可能刚更新过计划。';
    return '这项操作不符合计划的规定，未执行。';
  }
  if (error instanceof StoreUnavailableError) return '督办暂时无法读写台账，请稍后再试。';
  if (error instanceof LarkApiError) {
    const code = error.verdict.code;
    if (code !== undefined && UNREACHABLE_CODES.has(code)) return null;
    if (code === 230025) return '回复内容过长，未能发送。请把问题说得具体些。';
  }
  return '抱歉，处理这条消息时出错了，请稍后再试。';
}

/** A short label for metrics and logs: the error's code where it has one. */
export function failureCode(error: unknown): string {
  if (error instanceof LarkApiError) return `lark_${error.verdict.code ?? error.verdict.kind}`;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'unexpected';
}
