import type { LocalDate, Recurrence } from './types.js';

/**
 * One thing that falls due: a dated milestone, one period of a recurring milestone, or the item's
 * own deadline. Ids are deterministic so that reminder claims and confirmations keyed by them
 * survive restarts, re-syncs and several replicas:
 * - `8.4/m2/2023`      item 8.4, milestone 2 (1-based, in text order), dated
 * - `6.2/m1/2023-Q3`   quarterly
 * - `6.2/m2/2023-07`   monthly
 * - `1.1/m1/2023-H2`   half-yearly
 * - `1.3/m2/2023`      yearly
 * - `8.4/deadline/2023` the item's 完成时限
 */
export interface Occurrence {
  id: string;
  itemId: string;
  /** 1-based index into the item's milestones; null for the item's own deadline. */
  milestone: number | null;
  /** `2023`, `2023-Q3`, `2023-07`, `2023-H1`. */
  period: string;
  due: LocalDate;
  every: Recurrence | null;
  /** The milestone's clause, or "完成时限" for the deadline. */
  text: string;
  /** Lead sections after "各科室" is expanded: each must confirm. */
  leads: string[];
}
