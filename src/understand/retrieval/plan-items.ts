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
  return plan.chapters.flatMap((chapter) =>
    chapter.items.map((item) => ({
      ...item,
      chapter: chapter.number,
      chapterTitle: chapter.title,
      leadSections: expandSections(item.leads, org),
      partnerSections: expandSections(item.partners, org),
    })),
  );
}
