import { chineseNumeral } from '../plan/import/normalize.js';
import { parseItemRef } from '../plan/item-ref.js';

/**
 * The fixed forms: help, who am I, reload, the 销号 queue, confirm, undo, 销号 and 退回. Confirm and undo change the ledger,
 * so they are read strictly — an item number right after (or before) the verb — and a question
 * ("8.4完成了吗", "8.4 done?") is never taken for a confirmation.
 */

/** Words that say "this is done", in a reply to a reminder or before an item number. */
export const DONE_WORDS = '已完成|完成了|已办结|办结了|办结|已完结|已落实|完成|done|finished|✅|✔️|☑️';

const HELP =
  /^(帮助|help|菜单|怎么用|使用说明|说明|你能干啥|你能做什么|你能干什么|你会什么|你会干啥|怎么问你|能问什么|能问啥|可以问什么|功能|你好|您好|hi|hello|在吗|\?)(啊|呀|呢|吗)?$/;
const WHOAMI = /^(我是谁|whoami|我的id|我的open_id|my id)$/;
const RELOAD = /^(重载配置|重新加载配置|重新加载|reload|reload config)$/;
/** An admin acknowledging a lost ledger (after restoring it): /readyz stops reporting it. */
const ACK_LEDGER_LOST = /^(确认账本丢失|确认台账丢失|账本丢失已确认|台账丢失已确认|ackledgerlost)$/;
/** "导出台账", "督办台账", "下载台账excel", "导出excel": the 台账 as a file. */
const EXPORT_LEDGER =
  /^((导出|下载|发送|发|给我|要)?(督办)?台账(excel|表格|表)?(导出|下载)?|导出(excel|表格))(吧|一下)?$/;
const VERIFY_QUEUE =
  /^(?:还有)?(?:有哪些|哪些)?(?:待销号|待核销|销号队列|待审核)(?:的|事项|工作|任务|列表|清单)*(?:有哪些|有啥|是哪些)?(?:呢|吗)?$/;

export type FixedForm = 'help' | 'whoami' | 'reload' | 'verify-queue' | 'export-ledger' | 'ack-ledger-lost';

/** `text`: the normalised question. */
export function fixedForm(text: string): FixedForm | undefined {
  if (HELP.test(text)) return 'help';
  if (WHOAMI.test(text)) return 'whoami';
  if (RELOAD.test(text)) return 'reload';
  if (ACK_LEDGER_LOST.test(text)) return 'ack-ledger-lost';
  if (EXPORT_LEDGER.test(text)) return 'export-ledger';
  if (VERIFY_QUEUE.test(text)) return 'verify-queue';
  return undefined;
}

const OCCURRENCE_ID = /^\d{1,3}\.\d{1,3}\/(?:m\d{1,3}|deadline)\/\d{4}(?:-[A-Z0-9]{1,3})?$/i;
const REF = '([^\\s,，。:：]{1,40})';
const SEP = '[\\s,，。:：]*';
/** "9月30日", "9月底", "九月": the due date that names one occurrence of an item. */
export const DUE_TEXT =
  '((?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\\d{1,2}|[一二三四五六七八九十]{1,3})[日号]?|底|末)?)';
/** "完成 8.4 报告已报送", "8.4 已完成", "8.4 9月30日 已完成", "done 8.4/m1/2023". */
const CONFIRM_FORMS = [
  new RegExp(`^(?:确认完成|标记完成|${DONE_WORDS})\\s*${REF}(?:\\s+${DUE_TEXT})?${SEP}(.*)$`, 'is'),
  new RegExp(`^${REF}(?:\\s*${DUE_TEXT})?\\s*(?:${DONE_WORDS})${SEP}(.*)$`, 'is'),
];
const UNDO_VERB = '(?:撤销|撤回|取消完成|取消确认|undo)';
const UNDO_FORM = new RegExp(`^${UNDO_VERB}\\s*(\\S{1,40}?)(?:\\s*${DUE_TEXT})?(?:\\s|$)`, 'i');
/** "撤销" alone: the sender's latest confirmations are the candidates. */
const BARE_UNDO = new RegExp(`^${UNDO_VERB}[\\s。.!！]*$`, 'i');

/** A month and, when given, a day: "9月30日" → {month: 9, day: 30}; "9月底" → {month: 9}. */
export interface DueHint {
  month: number;
  day?: number;
  /** As typed, so a date that names no occurrence can go back into the note. */
  text: string;
}

export interface LedgerForm {
  itemRef: string;
  occurrenceId?: string;
  due?: DueHint;
  note: string;
}

/** `plain`: the message minus mentions, half-width, punctuation kept (the note is the asker's). */
export function confirmForm(plain: string): LedgerForm | undefined {
  for (const form of CONFIRM_FORMS) {
    const m = form.exec(plain);
    if (!m) continue;
    const target = refOf(m[1]!);
    if (!target) continue;
    const due = m[2] ? dueHint(m[2]) : undefined;
    return { ...target, ...(due ? { due } : {}), note: (m[3] ?? '').trim() };
  }
  return undefined;
}

export function undoForm(plain: string): LedgerForm | undefined {
  const m = UNDO_FORM.exec(plain);
  const target = m ? refOf(m[1]!) : undefined;
  if (!target) return undefined;
  const due = m![2] ? dueHint(m![2]) : undefined;
  return { ...target, ...(due ? { due } : {}), note: '' };
}

/** "销号 8.4", "销号 8.4 9月30日 材料齐全": an admin verifies (the rest is the note). */
const VERIFY_FORM = new RegExp(`^(?:销号|核销|确认销号)\\s*${REF}(?:\\s*${DUE_TEXT})?${SEP}(.*)$`, 'is');
/** "退回 8.4 材料不全", "退回 8.4 9月30日 请补充佐证": an admin sends work back; the rest is the reason. */
const SEND_BACK_FORM = new RegExp(`^(?:退回|驳回|打回)\\s*${REF}(?:\\s*${DUE_TEXT})?${SEP}(.*)$`, 'is');

export function verifyForm(plain: string): LedgerForm | undefined {
  return ledgerForm(VERIFY_FORM.exec(plain));
}

export function sendBackForm(plain: string): LedgerForm | undefined {
  return ledgerForm(SEND_BACK_FORM.exec(plain));
}

/** "退回8.4材料不全" runs the reason into the item number: the longest prefix that is one is the item. */
function ledgerForm(m: RegExpExecArray | null): LedgerForm | undefined {
  if (!m) return undefined;
  const typed = m[1]!;
  for (let end = typed.length; end > 0; end--) {
    const target = refOf(typed.slice(0, end));
    if (!target) continue;
    const due = m[2] ? dueHint(m[2]) : undefined;
    const note = [typed.slice(end), m[3] ?? ''].join(' ').trim();
    return { ...target, ...(due ? { due } : {}), note };
  }
  return undefined;
}

export function bareUndo(plain: string): boolean {
  return BARE_UNDO.test(plain);
}

/** "9月30日" → {month: 9, day: 30}; undefined when it is no date of a year. */
export function dueHint(text: string): DueHint | undefined {
  const m = /^(\S+?)月(?:底|末|(\S+?))?$/.exec(text.replace(/[日号]$/, ''));
  if (!m) return undefined;
  const month = chineseNumeral(m[1]!);
  const day = m[2] ? chineseNumeral(m[2]) : undefined;
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (m[2] && (day === undefined || day < 1 || day > 31)) return undefined;
  return { month, ...(day !== undefined ? { day } : {}), text };
}

/** Whether `due` (YYYY-MM-DD) is the date a hint names: the day, or any day of the month. */
export function dueMatches(due: string, hint: DueHint): boolean {
  if (Number(due.slice(5, 7)) !== hint.month) return false;
  return hint.day === undefined || Number(due.slice(8, 10)) === hint.day;
}

function refOf(text: string): Omit<LedgerForm, 'note'> | undefined {
  if (OCCURRENCE_ID.test(text)) return { itemRef: text.split('/')[0]!, occurrenceId: text };
  const itemRef = parseItemRef(text);
  return itemRef ? { itemRef } : undefined;
}
