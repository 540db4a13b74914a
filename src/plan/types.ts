/**
 * The plan model. Its JSON form is a public contract (`duban import --json`, config/plan-YYYY.yaml):
 * other tools read it, so fields are only ever added, never renamed.
 */

/** How often a recurring milestone falls due. */
export type Recurrence = 'month' | 'quarter' | 'half-year' | 'year';

export const RECURRENCES: readonly Recurrence[] = ['month', 'quarter', 'half-year', 'year'];

/** A local calendar date in the plan's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/**
 * A dated or recurring phrase found in an item's text, with the clause it stands in.
 * - dated: `due` set, `every` null ("9月底前…专项检查");
 * - recurring: `every` set, `due` null ("每季度开展好政金企对接活动");
 * - ongoing: both null ("长期坚持") — tracked, never due.
 */
export interface Milestone {
  text: string;
  due: LocalDate | null;
  every: Recurrence | null;
  /** "每半年…至少1次": how many times per period. */
  count?: number;
  /** "每月10日前": the day of the period's month by which it is due; absent means the period's end. */
  day?: number;
}

/** A quantity the item commits to ("8亿元", "增长13.43％", "4家"). */
export interface Target {
  text: string;
  value: number;
  unit: string;
}

export interface Item {
  /** `8.4` = chapter 八, item （四）. */
  id: string;
  /** The heading phrase before the first full stop. */
  title: string;
  /** The whole item text, numbering and the trailing field block removed. */
  text: string;
  /** 一是/二是/… as a list; empty when the item has no enumerated points. */
  points: string[];
  /** 牵头科室, in the order written. "各科室" stays as written; config expands it. */
  leads: string[];
  /** 责任科室/配合单位/…, in the order written. */
  partners: string[];
  deadline: LocalDate | null;
  milestones: Milestone[];
  targets: Target[];
  /** 完成时限 as written when it names no date duban can read ("立即", "尽快"); absent otherwise. */
  deadlineText?: string;
}

export interface Chapter {
  number: number;
  title: string;
  items: Item[];
  /**
   * What the chapter says besides its tasks, one paragraph a line: prose (指导思想, 工作要求) and
   * group headings above the tasks ("（一）着力扩大国内需求"). Absent when there is none.
   */
  text?: string;
}

export interface Plan {
  title: string;
  year: number;
  chapters: Chapter[];
}

/** Section name that the plan uses to mean every section of the bureau. */
export const ALL_SECTIONS = '各科室';
