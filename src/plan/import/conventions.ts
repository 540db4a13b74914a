import { findDatePhrases } from '../deadline-grammar.js';
import { closingBracket, type FieldBlock, findFieldBlock, splitUnits } from './fields.js';
import { toHalfWidth } from './normalize.js';

/**
 * The responsibility notes national and provincial task documents close a task with, instead of a
 * labelled field block: "（工业和信息化部、发展改革委等负责。列第一位者为牵头单位）",
 * "（农业农村部、工业和信息化部牵头负责）", "（各省级人民政府负责）". Who leads is decided by the
 * convention the document states — in the note itself or once for the whole document ("排在第一位
 * 的部门为牵头部门") — and, when it states none, every unit named is a lead, as written.
 */

/** "列第一位者为牵头单位", "排在第一位的部门为牵头部门", "排在首位的为牵头单位". */
const FIRST_LISTED_LEADS = /(?:列|排|排在|列在)(?:第一位|首位)(?:者|的)?(?:部门|单位)?(?:为|是)牵头/;

export function statesFirstListedLeads(text: string): boolean {
  return FIRST_LISTED_LEADS.test(text);
}

/** Reads a line's field block: a labelled one (牵头科室：…) or else a responsibility note. */
export type FieldReader = (line: string) => FieldBlock | undefined;

export function fieldReader(firstListedLeads: boolean): FieldReader {
  return (line) => findFieldBlock(line) ?? findResponsibilityNote(line, firstListedLeads);
}

/** A note longer than this is a sentence that happens to end in brackets, not a list of units. */
const MAX_NOTE_CHARS = 160;
/** "负责", "按职责分工负责", "分别牵头负责": the verb closing who is responsible. */
const VERB = /(?:按职责分工|按职责|依职责|分别|共同|各自)?负责$/;
const LEAD_VERB = /(?:分别|共同)?牵头$/;
const PARTNER_VERB = /(?:参与|配合|协助|协同|协办)$/;
/** Open tails that name no one: "等", "等有关部门和单位", "按职责分工". */
const TAIL =
  /(?:等(?:有关|相关|其他)?(?:部门和单位|部门|单位|地方)?|按职责分工|按职责|依职责|分别|共同|各自)+$/;

/**
 * The responsibility note closing `line`, as a field block, or undefined when the line ends in no
 * such note. `firstListedLeads`: the document said once that the first unit listed leads.
 */
export function findResponsibilityNote(line: string, firstListedLeads: boolean): FieldBlock | undefined {
  const half = toHalfWidth(line);
  const tail = half.replace(/[\s。.;；]+$/, '');
  if (!tail.endsWith(')')) return undefined;
  const open = openingBracket(tail);
  if (open < 0 || tail.length - open > MAX_NOTE_CHARS) return undefined;
  const note = line.slice(open + 1, tail.length - 1);
  const parsed = readResponsibility(note, firstListedLeads, true);
  if (!parsed) return undefined;
  return { start: open, end: closingBracket(half, open) + 1, deadline: timeIn(note), unknown: [], ...parsed };
}

/** Where the bracket that closes the text's end was opened; -1 when it never was. */
function openingBracket(half: string): number {
  let depth = 0;
  for (let i = half.length - 1; i >= 0; i--) {
    if (half[i] === ')') depth++;
    else if (half[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Who leads and who takes part, from words such as "A、B等负责。列第一位者为牵头单位", "A、B分别牵头",
 * "A牵头，B、C配合", "A会同B负责" or a bare list "A、B，各县(市、区)政府" under 责任单位.
 * `needsVerb`: a bracket note must say 负责 or 牵头 to be one; a 责任单位 value need not.
 */
export function readResponsibility(
  text: string,
  firstListedLeads: boolean,
  needsVerb: boolean,
): Pick<FieldBlock, 'leads' | 'partners'> | undefined {
  // "(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)" inside the value states the convention.
  let firstListed = firstListedLeads;
  const half = toHalfWidth(text).replace(/\([^()]*\)/g, (aside) => {
    if (!statesFirstListedLeads(aside) && !aside.includes('下同')) return aside;
    firstListed ||= statesFirstListedLeads(aside);
    return '';
  });
  const segments = half
    .split(/[。;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '下同');
  firstListed ||= segments.some(statesFirstListedLeads);
  const units = segments.filter((s) => !statesFirstListedLeads(s));
  let k = units.findIndex((s) => VERB.test(s) || s.includes('牵头'));
  if (k < 0) {
    if (needsVerb) return undefined;
    k = units.length - 1;
  }
  // The units listed before the verb's segment belong to it: "A、B，各省级人民政府按职责分工负责".
  let from = k;
  while (from > 0 && !PARTNER_VERB.test(units[from - 1]!)) from--;
  // "（由办公室负责）", "（具体由各科室负责）": the 由 introduces the unit.
  const who = units
    .slice(from, k + 1)
    .join('、')
    .replace(VERB, '')
    .replace(/^(?:具体|均|分别)?由/, '');
  const takePart = units.slice(k + 1).find((s) => PARTNER_VERB.test(s));
  const partnersNamed = takePart ? names(takePart.replace(PARTNER_VERB, '')) : [];
  const withPartner = /^(.+?)会同(.+)$/.exec(who);
  if (withPartner) {
    return { leads: names(withPartner[1]!), partners: [...names(withPartner[2]!), ...partnersNamed] };
  }
  if (LEAD_VERB.test(who)) {
    const leads = names(who.replace(LEAD_VERB, ''));
    return leads.length > 0 ? { leads, partners: partnersNamed } : undefined;
  }
  const listed = names(who);
  if (listed.length === 0 || listed.some((u) => u.length > 30)) return undefined;
  if (firstListed) return { leads: listed.slice(0, 1), partners: [...listed.slice(1), ...partnersNamed] };
  return { leads: listed, partners: partnersNamed };
}

/** "(国务院各部门分别负责,年内持续推进)": the part of a note that says when, if one does. */
function timeIn(note: string): string | undefined {
  return toHalfWidth(note)
    .split(/[。;,]/)
    .map((s) => s.trim())
    .find((s) => !VERB.test(s) && !s.includes('牵头') && findDatePhrases(s, 2000, true).length > 0);
}

function names(list: string): string[] {
  return splitUnits(list.replace(TAIL, ''))
    .map((n) => n.replace(TAIL, ''))
    .filter((n) => n !== '');
}
