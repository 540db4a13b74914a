import type { LoadedConfig } from '../config/load-config.js';
import { compareItemIds } from '../store/local-date.js';
import type { PlanStore } from '../store/store.js';

/** An item a section is asked about. */
export interface AskedItem {
  itemId: string;
  title: string;
}

/**
 * Per section (org.yaml order), the items it leads with work it has not confirmed, in plan
 * order; sections with none are left out. One line per item however many milestones are open:
 * a progress report is about the work, not each date.
 */
export async function openItemsBySection(
  store: Pick<PlanStore, 'openForSection'>,
  config: Pick<LoadedConfig, 'sections'>,
): Promise<Map<string, AskedItem[]>> {
  const out = new Map<string, AskedItem[]>();
  for (const section of config.sections) {
    const items = new Map<string, AskedItem>();
    for (const o of await store.openForSection(section))
      if (!items.has(o.itemId)) items.set(o.itemId, { itemId: o.itemId, title: o.title });
    if (items.size > 0)
      out.set(
        section,
        [...items.values()].sort((a, b) => compareItemIds(a.itemId, b.itemId)),
      );
  }
  return out;
}
