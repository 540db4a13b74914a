import { chineseNumeral } from '../plan/import/normalize.js';
import { parseItemRef } from '../plan/item-ref.js';
import type { Knowledge } from '../understand/knowledge.js';
import { namedWithin } from '../understand/within.js';

/**
 * A reply to a 进展填报 card, read line by line as heads write them:
 *
 *   8.4：已完成3家抽查，11月底前完成      the item's number (any form people type: 八（四）, 8-4)
 *   1、已完成初稿 / 第2项：已报送         the card's line number
 *   政金企对接：已走访5家企业             words naming an item on the card (before the colon, or
 *   政金企对接已走访5家企业               the whole line, which then stays the note as typed)
 *   11月底前完成                          a line naming nothing continues the one before
 *
 * Only the card's items count. The text is kept as typed (no width folding): it is the section's
 * own words, shown back escaped wherever it is drawn.
 */
export interface ReportReading {
  /** Per item named, in the order first named; several lines for one item joined. */
  notes: { itemId: string; text: string }[];
  /** Lines before anything was named: text that names nothing on the card. */
  unplaced: string[];
  /** Said back: a line number past the card, an item the card does not list, an item with no text. */
  problems: string[];
}

export interface ReportItem {
  itemId: string;
  title: string;
}

/** A line number: "1、", "2.", "第3项：", "（4）"; not the start of an item number (8.4). */
const LINE_NUMBER =
  /^[(（]?第?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:项|条)?\s*(?:[)）:：、,，]|[.．](?!\d)|\s)\s*/;
/** The head an item number or naming words stand in: before the first colon or comma. */
const HEAD = /^(.{1,30}?)\s*[:：]\s*/;
const FIRST_TOKEN = /^(\S{1,14}?)(?:\s*[:：,，、]\s*|\s+)/;
const DOTTED_REF = /^(\d{1,2}\s*[.．-]\s*\d{1,2})(?![\d%亿万元个家倍年月日天号前后])/;
const LEADING_MENTIONS = /^(?:@\S{1,16}\s*)+/;
const LEADING_PUNCTUATION = /^[\s:：,，、.。;；-]+/;

export function readProgressReport(
  raw: string,
  items: readonly ReportItem[],
  knowledge: Knowledge,
): ReportReading {
  const reading: ReportReading = { notes: [], unplaced: [], problems: [] };
  const texts = new Map<string, string[]>();
  let current: string | undefined;
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.replace(LEADING_MENTIONS, '').trim())
    .filter(Boolean);
  for (const line of lines) {
    const aim = aimOf(line, items, knowledge);
    if (aim.kind === 'problem') {
      reading.problems.push(aim.message);
      current = undefined;
      continue;
    }
    if (aim.kind === 'none') {
      if (current) texts.get(current)!.push(line);
      else reading.unplaced.push(line);
      continue;
    }
    current = aim.itemId;
    if (!texts.has(current)) texts.set(current, []);
    if (aim.text) texts.get(current)!.push(aim.text);
  }
  for (const [itemId, parts] of texts) {
    if (parts.length === 0) reading.problems.push(`${itemId} 后没有写进展内容。`);
    else reading.notes.push({ itemId, text: parts.join('；') });
  }
  return reading;
}

type LineAim =
  | { kind: 'item'; itemId: string; text: string }
  | { kind: 'none' }
  | { kind: 'problem'; message: string };

function aimOf(line: string, items: readonly ReportItem[], knowledge: Knowledge): LineAim {
  const byRef = itemRefAt(line);
  // A number the plan has no item for ("12.5万元") is text, not a reference.
  if (byRef && knowledge.index.byId.has(byRef.itemId)) {
    if (!items.some((i) => i.itemId === byRef.itemId))
      return {
        kind: 'problem',
        message: `${byRef.itemId} 不在这张填报卡上（卡上是 ${items.map((i) => i.itemId).join('、')}）。`,
      };
    return { kind: 'item', itemId: byRef.itemId, text: rest(line.slice(byRef.length)) };
  }
  const numbered = LINE_NUMBER.exec(line);
  if (numbered) {
    const n = chineseNumeral(numbered[1]!);
    const item = n ? items[n - 1] : undefined;
    if (!item)
      return {
        kind: 'problem',
        message: `这张填报卡只列了 ${items.length} 项，请写 1 到 ${items.length} 之间的序号。`,
      };
    return { kind: 'item', itemId: item.itemId, text: rest(line.slice(numbered[0].length)) };
  }
  const candidates = items.map((i) => ({ itemId: i.itemId, milestone: null }));
  const head = HEAD.exec(line);
  if (head) {
    const named = namedWithin(head[1]!, candidates, knowledge);
    if (named !== undefined)
      return { kind: 'item', itemId: items[named]!.itemId, text: rest(line.slice(head[0].length)) };
  }
  const named = namedWithin(line, candidates, knowledge);
  if (named !== undefined) return { kind: 'item', itemId: items[named]!.itemId, text: line };
  return { kind: 'none' };
}

/** An item number opening the line, and how many characters it takes. */
function itemRefAt(line: string): { itemId: string; length: number } | undefined {
  const dotted = DOTTED_REF.exec(line);
  const token = dotted ?? FIRST_TOKEN.exec(`${line} `);
  if (!token) return undefined;
  const itemId = parseItemRef(token[1]!);
  if (!itemId) return undefined;
  return { itemId, length: Math.min(token[0].length, line.length) };
}

function rest(text: string): string {
  return text.replace(LEADING_PUNCTUATION, '').trim();
}
