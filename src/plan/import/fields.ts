import { toHalfWidth } from './normalize.js';
import { joinCollectives } from './units.js';

/**
 * The field block that closes an item: （牵头科室：…；责任科室：…；完成时限：…）.
 * Bureaus word and punctuate it differently, so labels come from a table, separators may be
 * ；，; or spaces, and brackets may be full- or half-width or absent.
 */
export type FieldKind = 'leads' | 'partners' | 'deadline';

/** Every spelling of each field label; table headers (import/table-rows.ts) use the same words. */
export const FIELD_LABELS: Record<FieldKind, string[]> = {
  leads: ['牵头科室', '牵头单位', '牵头部门', '牵头处室', '主办单位', '主责单位', '主责科室'],
  partners: [
    '责任科室',
    '责任单位',
    '责任部门',
    '责任处室',
    '配合单位',
    '配合科室',
    '配合部门',
    '配合处室',
    '协办单位',
    '协办科室',
    '协办部门',
    '参与单位',
  ],
  deadline: [
    '完成时限',
    '完成时间',
    '完成期限',
    '时间节点',
    '时限要求',
    '时间安排',
    '起止年限',
    '建设年限',
    '实施期限',
  ],
};

const KIND_OF_LABEL = new Map<string, FieldKind>(
  Object.entries(FIELD_LABELS).flatMap(([kind, labels]) => labels.map((l) => [l, kind as FieldKind])),
);
const LABEL_ALTERNATION = [...KIND_OF_LABEL.keys()].join('|');
/** A label at a field boundary, followed by a colon or at least a space. */
const LABEL = new RegExp(`(?<=^|[(;,。\\s])(${LABEL_ALTERNATION})\\s*(?::|\\s)\\s*`, 'g');
const LIST_SEPARATOR = /[、,;/\s]/;
/** "分管领导：张三" inside a field value: a label we do not know. */
const UNKNOWN_LABEL = /([\u4e00-\u9fa5]{2,6})\s*:/;

export interface FieldBlock {
  /** Where the block starts in the line (the opening bracket when there is one). */
  start: number;
  /** Where it ends: after its closing bracket, or the line's end when it has none. */
  end: number;
  leads: string[] | undefined;
  partners: string[] | undefined;
  deadline: string | undefined;
  /** Text inside the block that belongs to no known label. */
  unknown: string[];
  /**
   * The value of a 责任单位-like label as written. With no 牵头 label it says who leads, by the
   * document's convention (import/conventions.ts); beside one it lists partners.
   */
  responsible?: string;
}

/** Finds the field block at the end of `line`, or undefined when the line has none. */
export function findFieldBlock(line: string): FieldBlock | undefined {
  // 〔责任单位：…〕: tortoise-shell brackets close a block too (one character for one, so indexes hold).
  const half = toHalfWidth(line).replace(/〔/g, '(').replace(/〕/g, ')');
  const labels = [...half.matchAll(LABEL)];
  if (labels.length === 0) return undefined;
  const first = labels[0]!;
  const bracket = half.lastIndexOf('(', first.index);
  const opensBlock = bracket >= 0 && /^\s*$/.test(half.slice(bracket + 1, first.index));
  const start = opensBlock ? bracket : first.index;
  const close = opensBlock ? closingBracket(half, bracket) : -1;
  const end = close >= 0 ? close + 1 : half.length;
  const inBlock = labels.filter((label) => label.index < end);
  const block: FieldBlock = {
    start,
    end,
    leads: undefined,
    partners: undefined,
    deadline: undefined,
    unknown: [],
  };
  inBlock.forEach((label, i) => {
    const valueStart = label.index + label[0].length;
    const valueEnd = inBlock[i + 1]?.index ?? (close >= 0 ? close : end);
    let value = cleanValue(line.slice(valueStart, valueEnd));
    const unknown = UNKNOWN_LABEL.exec(toHalfWidth(value));
    if (unknown) {
      block.unknown.push(value.slice(unknown.index).trim());
      value = cleanValue(value.slice(0, unknown.index));
    }
    const kind = KIND_OF_LABEL.get(label[1]!)!;
    if (label[1]!.startsWith('责任'))
      block.responsible = [block.responsible, value].filter(Boolean).join('、');
    if (kind === 'deadline') block.deadline = value;
    else block[kind] = [...(block[kind] ?? []), ...splitUnits(value)];
  });
  return block;
}

/** Whether the line is nothing but a field block (fields written on a line of their own). */
export function isFieldLine(line: string): boolean {
  const block = findFieldBlock(line);
  return block !== undefined && line.slice(0, block.start).trim() === '';
}

/**
 * Where the bracket opened at `open` closes, counting nested pairs so that "各有关乡镇(街道)" stays
 * inside; -1 when it never closes. Text after it is not the block's.
 */
export function closingBracket(half: string, open: number): number {
  let depth = 0;
  for (let i = open; i < half.length; i++) {
    if (half[i] === '(') depth++;
    else if (half[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function cleanValue(value: string): string {
  if (toHalfWidth(value).trim() === '') return '';
  return dropUnbalancedClose(value.replace(/^[\s:：]+/, '').replace(/[\s;；,，。.]+$/, ''));
}

/** A trailing ")" closes the block, not a name, unless the name opened it: "各有关乡镇(街道)". */
function dropUnbalancedClose(value: string): string {
  let out = value;
  while (/[)）]$/.test(out)) {
    const half = toHalfWidth(out);
    const opens = half.split('(').length - 1;
    const closes = half.split(')').length - 1;
    if (closes <= opens) break;
    out = out.slice(0, -1).replace(/[\s;；,，。.]+$/, '');
  }
  return out;
}

/** Unit names in a field value, collectives kept whole ("各区、县级市"). */
export function splitUnits(value: string): string[] {
  return joinCollectives(splitList(value));
}

/** Names separated by 、，；/ or spaces, except inside brackets: "乡镇(街道、社区)" is one name. */
export function splitList(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let name = '';
  for (const ch of toHalfWidth(value)) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    if (depth === 0 && LIST_SEPARATOR.test(ch)) {
      names.push(name);
      name = '';
    } else name += ch;
  }
  names.push(name);
  return names.map((n) => n.trim()).filter((n) => n !== '' && n !== '无' && n !== '/');
}
