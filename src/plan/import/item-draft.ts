import { type DatePhrase, findDatePhrases } from '../deadline-grammar.js';
import type { ImportWarning } from '../import-error.js';
import { findMilestones } from '../milestones.js';
import { splitPoints } from '../points.js';
import { findTargets } from '../targets.js';
import type { Item, Milestone } from '../types.js';
import { type FieldReader, readResponsibility } from './conventions.js';
import { type FieldBlock, splitUnits } from './fields.js';
import { toHalfWidth } from './normalize.js';
import { leadsByMark } from './units.js';

/** An item being read line by line; `finish` turns it into an Item once its last line is seen. */
export class ItemDraft {
  private readonly body: string[] = [];
  private readonly subPoints: string[] = [];
  private leads: string[] | undefined;
  private partners: string[] | undefined;
  private deadlineText: string | undefined;
  private deadlineLine = 0;
  private responsible: string | undefined;
  /** Set once a field block was read: text after it is no longer the item's. */
  fieldsSeen = false;
  /** The lines as written, should the item turn out to be prose (a principle, not a task). */
  readonly lines: string[] = [];

  constructor(
    /** Renumbered when tasks restart their numbers in each group of a chapter. */
    public id: string,
    readonly line: number,
    heading: string,
    private readonly readFields: FieldReader,
    headingLine = heading,
    /** The document said the first unit listed leads ("列第一位者为牵头单位"). */
    private readonly firstListedLeads = false,
  ) {
    this.lines.push(headingLine);
    this.readText(heading, line);
  }

  /** Body text, possibly ending in a field block. */
  addText(text: string, line: number): void {
    this.lines.push(text);
    this.readText(text, line);
  }

  private readText(text: string, line: number): void {
    const block = this.readFields(text);
    const body = block ? text.slice(0, block.start) : text;
    if (body.trim() !== '') this.body.push(body.trim());
    if (!block) return;
    this.addFields(block, line);
    // Text after the block on the same line is still the user's: kept, never folded into a field.
    const after = text.slice(block.end).trim();
    if (after !== '') this.body.push(after);
  }

  /** A line numbered in a style other than the items' ("1." under "（一）"): a point of this item. */
  addSubPoint(text: string, line: number, point: string): void {
    this.addText(text, line);
    this.subPoints.push(point);
  }

  addFields(block: FieldBlock, line: number, written?: string): void {
    if (written !== undefined) this.lines.push(written);
    this.fieldsSeen = true;
    this.leads ??= block.leads;
    this.partners ??= block.partners;
    this.responsible ??= block.responsible;
    if (block.deadline !== undefined && this.deadlineText === undefined) {
      this.deadlineText = block.deadline;
      this.deadlineLine = line;
    }
  }

  finish(year: number, warn: (warning: ImportWarning) => void): Item {
    const text = this.body.join('');
    const milestones = findMilestones(text, year);
    const { deadline, unread } = this.readDeadline(year, milestones, warn);
    this.leadsFromResponsible();
    const marked = leadsByMark(this.leads ?? [], this.partners ?? []);
    this.leads = marked.leads;
    this.partners = marked.partners;
    if (!this.leads.length) {
      warn({
        line: this.line,
        text: text.slice(0, 40),
        kind: 'no-lead',
        message: `事项 ${this.id} 没有写牵头单位 / item ${this.id} names no lead section (牵头科室)`,
      });
    }
    const item: Item = {
      id: this.id,
      title: titleOf(text),
      text,
      points: this.subPoints.length > 1 ? this.subPoints : splitPoints(text),
      leads: this.leads ?? [],
      partners: this.partners ?? [],
      deadline,
      milestones,
      targets: findTargets(text),
    };
    if (unread !== undefined) item.deadlineText = unread;
    return item;
  }

  /**
   * "责任单位：A、B" with no 牵头 label names those who do the work: they lead (all, or the first
   * when the document says the first listed leads), and a task is never left with no one to remind.
   */
  private leadsFromResponsible(): void {
    if (this.leads?.length || this.responsible === undefined) return;
    const read = readResponsibility(this.responsible, this.firstListedLeads, false);
    if (!read?.leads?.length) return;
    const named = new Set(splitUnits(this.responsible));
    this.leads = read.leads;
    this.partners = [...(read.partners ?? []), ...(this.partners ?? []).filter((p) => !named.has(p))];
  }

  /**
   * 完成时限 holds one date as a rule; when it holds several ("6月底前、12月底前") the latest is the
   * deadline and the others become milestones, and a recurrence ("每季度") or ongoing work ("长期")
   * becomes a milestone. A date in another year than the plan's is kept and reported; a value with
   * no date at all ("立即", "尽快") is kept as written in `deadlineText` and reported, never guessed.
   */
  private readDeadline(
    year: number,
    milestones: Milestone[],
    warn: (w: ImportWarning) => void,
  ): { deadline: string | null; unread?: string } {
    const value = this.deadlineText;
    if (value === undefined || value === '' || /^[无/-]$/.test(value)) return { deadline: null };
    const phrases = ongoingWithinTheYear(findDatePhrases(toHalfWidth(value), year, true), value);
    if (phrases.length === 0) {
      warn({
        line: this.deadlineLine,
        text: value,
        kind: 'deadline-unread',
        message: `事项 ${this.id} 的完成时限「${value}」不是可识别的日期，已原样保留，未设截止日期 / item ${this.id}: 完成时限 "${value}" is not a date duban understands; the item has no deadline`,
      });
      return { deadline: null, unread: value };
    }
    const dated = phrases.filter((p) => p.due !== null).sort((a, b) => a.due!.localeCompare(b.due!));
    const deadline = dated.at(-1)?.due ?? null;
    if (deadline !== null && !deadline.startsWith(`${year}-`)) {
      warn({
        line: this.deadlineLine,
        text: value,
        kind: 'deadline-other-year',
        message: `事项 ${this.id} 的完成时限「${value}」在 ${deadline.slice(0, 4)} 年，不在计划年度 ${year} 内；已保留该日期 / item ${this.id}: deadline ${deadline} lies outside the plan year ${year}; kept as written`,
      });
    }
    for (const p of phrases) {
      if (p.due !== null && p.due === deadline) continue;
      const milestone: Milestone = {
        text: `完成时限：${phraseClause(value, p)}`,
        due: p.due,
        every: p.every,
      };
      if (p.day !== undefined) milestone.day = p.day;
      milestones.push(milestone);
    }
    return { deadline };
  }
}

/**
 * "年内持续推进": work carried on through the year is ongoing, not due on 31 December; a named
 * month beside it ("9月底前完成，持续推进") still dates it.
 */
function ongoingWithinTheYear(phrases: DatePhrase[], value: string): DatePhrase[] {
  const ongoing = phrases.some((p) => p.due === null && p.every === null);
  const yearOnly = (p: DatePhrase) => /^(?:年内|全年)$/.test(value.slice(p.index, p.index + p.length));
  return ongoing ? phrases.filter((p) => p.due === null || !yearOnly(p)) : phrases;
}

/** A clause is never read further than this either side of its phrase: any input stays linear. */
const MAX_CLAUSE = 80;
const MAX_VALUE_AS_TEXT = 40;

/**
 * A 完成时限 value as a milestone's text: the whole value when short ("6月底前、11月底前"), else only
 * the part holding this phrase, so that a long value with many dates does not repeat per date.
 */
function phraseClause(value: string, phrase: { index: number; length: number }): string {
  if (value.length <= MAX_VALUE_AS_TEXT) return value;
  const half = toHalfWidth(value);
  const isSeparator = (i: number) => '、,;'.includes(half[i]!);
  let start = phrase.index;
  while (start > 0 && !isSeparator(start - 1) && phrase.index - start < MAX_CLAUSE) start--;
  let end = phrase.index + phrase.length;
  while (end < half.length && !isSeparator(end) && end - phrase.index < MAX_CLAUSE) end++;
  return value.slice(start, end).trim();
}

/** The item's heading phrase: up to its first full stop, or a short first clause when there is none. */
export function titleOf(text: string): string {
  const stop = text.search(/[。]/);
  if (stop > 0 && stop <= 60) return text.slice(0, stop);
  const clause = toHalfWidth(text).search(/[,;:]/);
  if (clause > 0 && clause <= 40) return text.slice(0, clause);
  return text.length <= 40 ? text.replace(/[。.]$/, '') : `${text.slice(0, 40)}…`;
}
