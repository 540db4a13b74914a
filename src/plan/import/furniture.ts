import { toHalfWidth } from './normalize.js';

/**
 * The parts of an official document that are not the plan: the issuing body and date at the end,
 * "（此件公开发布）", the document number, 抄送, 附件 and 印发 lines, contacts. They are recognised
 * so that they produce no warning; nothing else is dropped silently.
 */
const FURNITURE: RegExp[] = [
  // 2023年3月1日, 二〇二三年三月一日 alone on a line
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日$/,
  /^\(此件(?:公开发布|主动公开|不予公开|依申请公开|删减后公开)\)$/,
  /^\(此页无正文\)$/,
  // 国办函〔2023〕12号 alone
  /^[\u4e00-\u9fa5]{1,12}[〔[(]\d{4}[〕\])]\d{1,4}号$/,
  /^(?:抄送|抄报|附件|联系人|联系电话|主送|印发|签发人)(?::|\s|\d|$)/,
  // "XX办公室 2023年3月1日印发"
  /印发$/,
  // the issuing body alone, or its letterhead ("XX市人民政府办公室文件")
  /^[\u4e00-\u9fa5()]{2,30}(?:人民政府|政府|办公厅|办公室|委员会|党组|党委|局|厅|委|部|署|中心|小组)(?:文件)?$/,
];

export function isFurniture(line: string): boolean {
  const compact = toHalfWidth(line).replace(/\s+/g, '');
  return compact !== '' && FURNITURE.some((pattern) => pattern.test(compact));
}
