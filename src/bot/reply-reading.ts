import { chineseNumeral } from '../plan/import/normalize.js';
import { parseItemRef } from '../plan/item-ref.js';
import { DUE_TEXT, type DueHint, dueHint } from '../understand/command-forms.js';
import { plainMessage } from '../understand/parse-question.js';
import { questionText } from '../understand/question-text.js';

/**
 * A reply to one of the bot's cards, read as heads write them: "已完成", "好的，已完成", "搞定了",
 * "预决算公开检查已完成，9月27日检查完毕", "1、2已完成", "第2项完成", "8.4 9月30日 已完成", "撤销".
 * What names the work comes before the done phrase; what follows it is the note. A question
 * ("完成了吗？"), a plan ("预计月底完成") or a negation ("还没完成") is no confirmation.
 */
export interface ReplyReading {
  verb: 'confirm' | 'undo';
  /** "全部完成", "都完成了". */
  all: boolean;
  /** 1-based lines of the card ("1、2已完成", "第二项完成"). */
  lines: number[];
  itemRef?: string;
  due?: DueHint;
  /** Words that may name the work ("预决算公开检查"); '' when none. */
  words: string;
  note: string;
}

const DONE_PHRASE =
  /(全部都?已?完成了?|全都完成了?|都已?完成了?|均已?完成了?|all done|已经完成了?|已完成|完成了|已经?办结了?|办结了?|已经?办完了?|办完了|已完结|已落实|落实了|搞定了?|弄好了|做完了|已做完|完成|done|finished|✅|✔️|☑️)/gi;
const ALL = /^(全部|全都|都|均|all)/i;
/** "还没完成", "争取完成", "预计月底完成": said before the phrase, it is not done. */
const NOT_YET = /(没有?|未|不|没能|无法|不能|待|将|要|需要?|会|能否|是否)\s*$/;
const PLANNED = /(预计|计划|争取|准备|打算|将于|将在|力争)/;
const ASKING = /(什么|何时|啥时|几时|哪天|怎么|如何|多少|有没有)/;
/** "完成情况", "完成后…": the phrase begins other words. */
const NOT_DONE_AFTER = /^(情况|进度|时间|时限|率|后|的话|了没|与否|度)/;
const UNDO = /^(?:撤销|撤回|取消完成|取消确认|undo)(?:一下|确认)?\s*(.*)$/is;
const FILLER_START =
  /^(?:好的|好|收到|嗯+|ok|okay|是的|您好|你好|领导|报告|已经|已|均|都|全部|全都|我们科?|我科|本科室?)[\s,，。.!！:：~、]*/i;
const FILLER_END = /[\s,，。.!！:：~、]*(?:已经|已|都|均|全部|也|的|那个|那项|这个|这项|那条|这条)$/;
const LINE = /^第?(\d{1,2}|[一二三四五六七八九十]{1,3})[项条个]?$/;
/** Words that name work are short; a long reply's tail is its note. */
const MAX_WORDS = 60;

export function readReply(raw: string, mentionable: readonly string[]): ReplyReading | undefined {
  if (questionText(raw, mentionable).asked) return undefined;
  const plain = plainMessage(raw, mentionable);
  const undo = UNDO.exec(plain);
  if (undo) return { verb: 'undo', all: false, ...aimOf(undo[1]!.trim()), note: '' };
  for (const found of plain.matchAll(DONE_PHRASE)) {
    const before = plain.slice(0, found.index);
    const after = plain.slice(found.index + found[0].length);
    if (NOT_YET.test(before) || PLANNED.test(before) || ASKING.test(before)) return undefined;
    if (NOT_DONE_AFTER.test(after)) continue;
    const { text, all } = trimFiller(before);
    return {
      verb: 'confirm',
      all: all || ALL.test(found[0]),
      ...aimOf(text),
      note: after.replace(/^[了啦啊呀哈的\s,，。.!！:：~、]+/, '').trim(),
    };
  }
  return undefined;
}

/** What the words before the phrase name: lines, or an item number, a date and words. */
function aimOf(text: string): Pick<ReplyReading, 'lines' | 'itemRef' | 'due' | 'words'> {
  const tokens = text.split(/[、,，和及与/\s]+|以及/).filter(Boolean);
  const lines = tokens.map((t) => LINE.exec(t)).map((m) => (m ? chineseNumeral(m[1]!) : undefined));
  if (tokens.length > 0 && lines.every((n) => n !== undefined && n > 0))
    return { lines: [...new Set(lines as number[])], words: '' };
  let rest = text;
  const date = new RegExp(DUE_TEXT).exec(rest);
  const due = date ? dueHint(date[1]!) : undefined;
  if (date && due) rest = `${rest.slice(0, date.index)} ${rest.slice(date.index + date[0].length)}`;
  let itemRef: string | undefined;
  const words: string[] = [];
  for (const token of trimFiller(rest)
    .text.split(/[\s,，。:：、]+/)
    .filter(Boolean)) {
    const ref = itemRef ? null : parseItemRef(token);
    if (ref) itemRef = ref;
    else words.push(token);
  }
  return {
    lines: [],
    ...(itemRef ? { itemRef } : {}),
    ...(due ? { due } : {}),
    words: words.join(' ').slice(0, MAX_WORDS),
  };
}

/** "好的，" "收到" "都" "那个" around what names the work; whether "all" was among them. */
function trimFiller(text: string): { text: string; all: boolean } {
  let out = text.trim();
  let all = false;
  for (;;) {
    const start = FILLER_START.exec(out);
    const end = FILLER_END.exec(out);
    const cut = start && start[0].length > 0 ? start : end && end[0].length > 0 ? end : undefined;
    if (!cut) return { text: out.trim(), all };
    if (/全部|全都|都|均/.test(cut[0])) all = true;
    out = cut === start ? out.slice(cut[0].length) : out.slice(0, cut.index);
  }
}
