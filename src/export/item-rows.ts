import type { Item, Milestone, Plan } from '../plan/types.js';
import { type LedgerRow, ledgerRows, type UnitStatus } from '../store/ledger-export.js';
import { localDateAt } from '../store/local-date.js';
import type { ProgressNote } from '../store/progress-reports.js';
import type { OccurrenceView } from '../store/store.js';
import type { CountPolicy } from '../store/work-count.js';
import { monthDay, recurrenceLabel } from './chinese-labels.js';
import { describeUnits, verificationLabel } from './unit-labels.js';

/** One row of the 台账: an item, its milestones with their state, and where it stands overall. */
export interface ItemRow {
  id: string;
  /** 工作任务: the item's whole text as the plan writes it. */
  task: string;
  leads: string;
  partners: string;
  /** 完成时限. */
  deadline: string;
  /** 节点: one line per milestone, with its state. */
  milestones: string;
  /** 进展情况: each section's latest progress note. */
  progress: string;
  /** 完成情况. */
  completion: string;
  /** 销号. */
  verification: string;
  /** Some unit is past its due date and not confirmed: the row is highlighted. */
  overdue: boolean;
}

export interface ChapterRows {
  number: number;
  title: string;
  items: ItemRow[];
}

export interface ItemRowsInput {
  plan: Plan;
  /** `store.allOccurrences()`: the active occurrences with their ledger, as of the store's clock. */
  views: readonly OccurrenceView[];
  policy: CountPolicy;
  /** 进展填报 notes, oldest first; empty until sections report. */
  progressNotes: readonly ProgressNote[];
  /** The plan's time zone: the day a note was written. */
  timeZone: string;
  /** Plan names → org.yaml's (各科室 is every section, aliases resolve): config/sections.ts expandSections. */
  expandSections: (names: readonly string[]) => string[];
  /** For a section's sheet: only its items, its units, its notes. */
  section?: string;
}

/**
 * The plan's chapters with a row per item, built from the same unit rows `duban export` writes
 * (ledgerRows: one per occurrence × lead section), so the sheet's counts are the ones 进度 shows.
 * With `section`, an item is listed when the section leads it or is named among its 责任科室, and
 * its states count only that section's units.
 */
export function chapterRows(input: ItemRowsInput): ChapterRows[] {
  const units = ledgerRows(input.views, input.policy).filter(
    (u) => input.section === undefined || u.section === input.section,
  );
  const viewsById = new Map(input.views.map((v) => [v.id, v]));
  const unitsByItem = groupBy(units, (u) => u.itemId);
  const notesByItem = groupBy(
    input.progressNotes.filter((n) => input.section === undefined || n.section === input.section),
    (n) => n.itemId,
  );
  return input.plan.chapters
    .map((chapter) => ({
      number: chapter.number,
      title: chapter.title,
      items: chapter.items
        .filter(
          (item) =>
            input.section === undefined ||
            involves(item, unitsByItem.get(item.id), input.section, input.expandSections),
        )
        .map((item) =>
          itemRow(
            item,
            unitsByItem.get(item.id) ?? [],
            viewsById,
            notesByItem.get(item.id) ?? [],
            input.timeZone,
          ),
        ),
    }))
    .filter((chapter) => input.section === undefined || chapter.items.length > 0);
}

function involves(
  item: Item,
  units: readonly LedgerRow[] | undefined,
  section: string,
  expand: ItemRowsInput['expandSections'],
): boolean {
  return (units?.length ?? 0) > 0 || expand([...item.leads, ...item.partners]).includes(section);
}

function itemRow(
  item: Item,
  units: readonly LedgerRow[],
  viewsById: ReadonlyMap<string, OccurrenceView>,
  notes: readonly ProgressNote[],
  timeZone: string,
): ItemRow {
  const statuses = units.map((u) => u.status);
  return {
    id: item.id,
    task: item.text || item.title,
    leads: item.leads.join('、'),
    partners: item.partners.join('、'),
    deadline: item.deadline ? monthDay(item.deadline) : '长期坚持',
    milestones: item.milestones
      .map((m, index) => milestoneLine(m, index + 1, unitsOfMilestone(units, viewsById, index + 1)))
      .join('\n'),
    progress: latestPerSection(notes)
      .map((n) => `${n.section} ${n.by}（${monthDay(localDateAt(new Date(n.at), timeZone))}）：${n.text}`)
      .join('\n'),
    completion: describeUnits(statuses, '长期坚持'),
    verification: verificationLabel(statuses),
    overdue: statuses.includes('overdue'),
  };
}

function unitsOfMilestone(
  units: readonly LedgerRow[],
  viewsById: ReadonlyMap<string, OccurrenceView>,
  milestone: number,
): UnitStatus[] {
  return units.filter((u) => viewsById.get(u.id)?.milestone === milestone).map((u) => u.status);
}

/** "1. 每季度 开展政金企对接活动 — 已完成 2/4，逾期 1". */
function milestoneLine(milestone: Milestone, number: number, statuses: UnitStatus[]): string {
  const when = milestone.due
    ? `${monthDay(milestone.due)}前`
    : milestone.every
      ? recurrenceLabel(milestone.every)
      : '长期';
  // "每半年 局党组每半年…" says it twice: a recurring clause usually names its own rhythm.
  const lead = milestone.every && milestone.text.includes(when) ? '' : `${when} `;
  return `${number}. ${lead}${milestone.text} — ${describeUnits(statuses, '持续推进')}`;
}

/** Each section's newest note, in the order sections first reported. */
function latestPerSection(notes: readonly ProgressNote[]): ProgressNote[] {
  const latest = new Map<string, ProgressNote>();
  for (const note of notes) {
    const held = latest.get(note.section);
    if (!held || note.at >= held.at) latest.set(note.section, note);
  }
  return [...latest.values()];
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}
