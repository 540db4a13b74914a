import { lastDayOfMonth, localDate } from './dates.js';
import type { Occurrence } from './occurrence.js';
import type { Item, LocalDate, Milestone, Plan } from './types.js';

/**
 * Everything in `plan` that falls due during its year, one Occurrence each (ids per
 * occurrence.ts): a dated milestone once; a recurring one once per period (month → 12,
 * quarter → 4, half-year → 2, year → 1), due at the period's end or on its `day`; ongoing
 * milestones never; and the item's own deadline. `expandLeads` turns the plan's section names
 * ("各科室") into the sections that must each confirm. Pure; sorted by due date, then plan order.
 */
export function expandOccurrences(plan: Plan, expandLeads: (names: string[]) => string[]): Occurrence[] {
  const out: { occurrence: Occurrence; order: number }[] = [];
  let order = 0;
  for (const chapter of plan.chapters) {
    for (const item of chapter.items) {
      const leads = expandLeads(item.leads);
      for (const occurrence of itemOccurrences(item, plan.year, leads))
        out.push({ occurrence, order: order++ });
    }
  }
  out.sort((a, b) => compareText(a.occurrence.due, b.occurrence.due) || a.order - b.order);
  return out.map((o) => o.occurrence);
}

function itemOccurrences(item: Item, year: number, leads: string[]): Occurrence[] {
  const out: Occurrence[] = [];
  item.milestones.forEach((milestone, index) => {
    const number = index + 1;
    for (const { period, due } of periodsOf(milestone, year)) {
      out.push({
        id: `${item.id}/m${number}/${period}`,
        itemId: item.id,
        milestone: number,
        period,
        due,
        every: milestone.every,
        text: milestone.text,
        leads: [...leads],
      });
    }
  });
  if (item.deadline !== null) {
    out.push({
      id: `${item.id}/deadline/${year}`,
      itemId: item.id,
      milestone: null,
      period: String(year),
      due: item.deadline,
      every: null,
      text: '完成时限',
      leads: [...leads],
    });
  }
  return out;
}

interface Period {
  period: string;
  due: LocalDate;
}

/** The periods a milestone falls due in; `day` moves the due date into the period's last month. */
function periodsOf(milestone: Milestone, year: number): Period[] {
  if (milestone.due !== null) return [{ period: String(year), due: milestone.due }];
  const dueIn = (month: number): LocalDate =>
    localDate(year, month, Math.min(milestone.day ?? 31, lastDayOfMonth(year, month)));
  switch (milestone.every) {
    case 'month':
      return range(12).map((i) => ({
        period: `${year}-${String(i + 1).padStart(2, '0')}`,
        due: dueIn(i + 1),
      }));
    case 'quarter':
      return range(4).map((i) => ({ period: `${year}-Q${i + 1}`, due: dueIn(3 * (i + 1)) }));
    case 'half-year':
      return [
        { period: `${year}-H1`, due: dueIn(6) },
        { period: `${year}-H2`, due: dueIn(12) },
      ];
    case 'year':
      return [{ period: String(year), due: dueIn(12) }];
    case null:
      return [];
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
