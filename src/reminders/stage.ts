import type { LocalDate } from '../plan/types.js';

/**
 * One step of an occurrence's reminder ladder: what is sent, on which work day.
 * - `before`: ahead of the due date (`T-14` … `T-1`, `quarter-start`, `T-30` for half-years);
 * - `due`: on the due day (`T-0`; the work day before it when the due date is a rest day);
 * - `overdue`: every N work days after it (`overdue+3`, `overdue+6`, …);
 * - `escalation`: once, N work days overdue (`escalate`): also to the leadership chat and the
 *   section's 分管领导.
 */
export type StageKind = 'before' | 'due' | 'overdue' | 'escalation';

export interface Stage {
  /** Unique within one occurrence: `T-7`, `T-0`, `quarter-start`, `overdue+3`, `escalate`. */
  key: string;
  /** Always a work day in the plan's calendar. */
  day: LocalDate;
  kind: StageKind;
  /** Past the escalation point: the section's 分管领导 is @-mentioned as well. */
  escalated: boolean;
}

/** Later stages win when two fall on one day: an escalation over a repeat, T-0 over T-1. */
export const KIND_RANK: Record<StageKind, number> = { before: 0, due: 1, overdue: 2, escalation: 3 };
