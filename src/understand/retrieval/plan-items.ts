import type { Org } from '../../config/org-schema.js';
import { expandSections } from '../../config/sections.js';
import type { Item, Plan } from '../../plan/types.js';

/** An item of the plan as the bot answers from memory: where it sits and who owns it, expanded. */
export interface PlanItem extends Item {
  chapter: number;
  chapterTitle: string;
  /** `leads` / `partners` with "各科室" expanded and aliases resolved. */
  leadSections: string[];
  partnerSections: string[];
}

export function planItems(plan: Plan, org: Org): PlanItem[] {
  // Plans repeat the same few owner lists ("各科室", "预算科"): expand each list once.
  const expanded = new Map<string, string[]>();
  const expand = (names: string[]) => {
    const key = names.join('\u0000');
    const known = expanded.get(key);
    if (known) return known;
    const sections = expandSections(names, org);
    expanded.set(key, sections);
    return sections;
  };
  return plan.chapters.flatMap((chapter) =>
    chapter.items.map((item) => ({
      ...item,
      chapter: chapter.number,
      chapterTitle: chapter.title,
      leadSections: expand(item.leads),
      partnerSections: expand(item.partners),
    })),
  );
}
