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
const RESPONSIBLE = /(牵头)?负责$/;
/** Words between the units and 负责 that say how, not who. */
const HOW = /(?:等|按职责分工|按职责|分别|共同|依职责|各自)+$/;

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
  const sentences = toHalfWidth(note)
    .split(/[。;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const firstListed = firstListedLeads || sentences.some(statesFirstListedLeads);
  const who = sentences.find(
    (s) => !statesFirstListedLeads(s) && (RESPONSIBLE.test(s) || s.includes('牵头')),
  );
  if (!who) return undefined;
  const parsed = readUnits(who, firstListed, sentences);
  if (!parsed) return undefined;
  return { start: open, end: closingBracket(half, open) + 1, deadline: undefined, unknown: [], ...parsed };
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

function readUnits(
  who: string,
  firstListed: boolean,
  sentences: string[],
): Pick<FieldBlock, 'leads' | 'partners'> | undefined {
  // "A牵头，B、C参与" / "A牵头，B配合": the lead is named; the rest take part.
  const named = /^(.+?)牵头(?:负责)?$/.exec(who);
  const others = sentences.find((s) => s !== who && /(?:参与|配合|协助|协同)$/.test(s));
  if (named && !HOW.test(named[1]!)) {
    const leads = splitUnits(named[1]!);
    const partners = others
      ? splitUnits(others.replace(/(?:参与|配合|协助|协同)$/, '').replace(HOW, ''))
      : [];
    return leads.length > 0 ? { leads, partners } : undefined;
  }
  const units = splitUnits(who.replace(RESPONSIBLE, '').replace(HOW, ''));
  if (units.length === 0 || units.some((u) => u.length > 30)) return undefined;
  if (firstListed) return { leads: units.slice(0, 1), partners: units.slice(1) };
  return { leads: units, partners: [] };
}
