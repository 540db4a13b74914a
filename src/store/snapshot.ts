import { createHash } from 'node:crypto';
import { isLocalDate } from '../plan/dates.js';
import type { Occurrence } from '../plan/occurrence.js';
import type { Item } from '../plan/types.js';
import { PlanSyncError } from './errors.js';
import type { PlanSync, SyncResult } from './store.js';

/**
 * What a sync writes, computed once for both stores: records in a canonical JSON form, a digest
 * per record, and a digest of the whole. Comparing digests is what makes a repeated sync a no-op
 * and lets it report exactly which items were added, updated or archived.
 */
/**
 * An item as synced: stored only as its digest (what a sync compares to report added, updated and
 * archived items). Its fields and their order are those of earlier versions, which also stored
 * the JSON, so an upgrade does not see every item as changed.
 */
export interface ItemRecord extends Item {
  chapter: number;
  chapterTitle: string;
  /** `8.4` → 8_000_004. */
  order: number;
  /** `leads` / `partners` with "各科室" expanded. */
  leadSections: string[];
  partnerSections: string[];
}

export interface OccurrenceRecord extends Occurrence {
  title: string;
  chapter: number;
}

export interface ItemEntry {
  record: ItemRecord;
  digest: string;
}

export interface OccurrenceEntry {
  record: OccurrenceRecord;
  json: string;
  digest: string;
}

export interface Snapshot {
  year: number;
  title: string;
  version: string;
  chapters: { number: number; title: string }[];
  items: ItemEntry[];
  occurrences: OccurrenceEntry[];
  /** `i:<item id>` / `o:<occurrence id>` → record digest. */
  digests: Map<string, string>;
  digest: string;
}

export function buildSnapshot(input: PlanSync, year: number): Snapshot {
  const { plan } = input;
  if (plan.year !== year)
    throw new PlanSyncError(
      `the plan is for ${plan.year} but this store holds ${year}; open the store for ${plan.year}`,
    );
  const expand = input.expandSections ?? ((names: string[]) => [...names]);
  const items: ItemEntry[] = [];
  const chapterOf = new Map<string, { number: number; title: string }>();
  const titleOf = new Map<string, string>();
  for (const chapter of plan.chapters) {
    for (const item of chapter.items) {
      if (chapterOf.has(item.id)) throw new PlanSyncError(`item ${item.id} appears twice in the plan`);
      chapterOf.set(item.id, chapter);
      titleOf.set(item.id, item.title);
      const record: ItemRecord = {
        ...canonicalItem(item),
        chapter: chapter.number,
        chapterTitle: chapter.title,
        order: itemSortKey(item.id),
        leadSections: expand([...item.leads]),
        partnerSections: expand([...item.partners]),
      };
      items.push({ record, digest: sha1(JSON.stringify(record)) });
    }
  }
  const seen = new Set<string>();
  const occurrences = input.occurrences.map((occurrence): OccurrenceEntry => {
    const chapter = chapterOf.get(occurrence.itemId);
    if (!chapter)
      throw new PlanSyncError(
        `occurrence ${occurrence.id} belongs to item ${occurrence.itemId}, which is not in the plan`,
      );
    if (seen.has(occurrence.id)) throw new PlanSyncError(`occurrence ${occurrence.id} appears twice`);
    if (!isLocalDate(occurrence.due))
      throw new PlanSyncError(
        `occurrence ${occurrence.id} is due "${occurrence.due}", not a YYYY-MM-DD date`,
      );
    seen.add(occurrence.id);
    // Fields in a fixed order, so equal occurrences give equal JSON and equal digests.
    const record: OccurrenceRecord = {
      id: occurrence.id,
      itemId: occurrence.itemId,
      milestone: occurrence.milestone,
      period: occurrence.period,
      due: occurrence.due,
      every: occurrence.every,
      text: occurrence.text,
      leads: [...occurrence.leads],
      title: titleOf.get(occurrence.itemId)!,
      chapter: chapter.number,
    };
    const json = JSON.stringify(record);
    return { record, json, digest: sha1(json) };
  });
  const digests = new Map<string, string>();
  for (const i of items) digests.set(`i:${i.record.id}`, i.digest);
  for (const o of occurrences) digests.set(`o:${o.record.id}`, o.digest);
  const chapters = plan.chapters.map((c) => ({ number: c.number, title: c.title }));
  const digest = sha1(
    canonicalJson({
      title: plan.title,
      chapters,
      records: [...digests].map(([key, d]) => `${key}=${d}`).sort(),
    }),
  );
  return { year, title: plan.title, version: input.version, chapters, items, occurrences, digests, digest };
}

export interface SnapshotDiff {
  addedItems: string[];
  updatedItems: string[];
  archivedItems: string[];
  /** Items and occurrences to (re)write: new or changed. */
  itemWrites: ItemEntry[];
  occurrenceWrites: OccurrenceEntry[];
  archivedOccurrences: string[];
  occurrenceCounts: { added: number; updated: number; archived: number };
}

/** What must change to go from `current` (digests of what is stored and active) to `next`. */
export function diffSnapshot(current: ReadonlyMap<string, string>, next: Snapshot): SnapshotDiff {
  const diff: SnapshotDiff = {
    addedItems: [],
    updatedItems: [],
    archivedItems: [],
    itemWrites: [],
    occurrenceWrites: [],
    archivedOccurrences: [],
    occurrenceCounts: { added: 0, updated: 0, archived: 0 },
  };
  for (const entry of next.items) {
    const was = current.get(`i:${entry.record.id}`);
    if (was === entry.digest) continue;
    (was === undefined ? diff.addedItems : diff.updatedItems).push(entry.record.id);
    diff.itemWrites.push(entry);
  }
  for (const entry of next.occurrences) {
    const was = current.get(`o:${entry.record.id}`);
    if (was === entry.digest) continue;
    diff.occurrenceCounts[was === undefined ? 'added' : 'updated']++;
    diff.occurrenceWrites.push(entry);
  }
  for (const key of current.keys()) {
    if (next.digests.has(key)) continue;
    if (key.startsWith('i:')) diff.archivedItems.push(key.slice(2));
    else diff.archivedOccurrences.push(key.slice(2));
  }
  diff.occurrenceCounts.archived = diff.archivedOccurrences.length;
  return diff;
}

export function unchangedSync(): SyncResult {
  return {
    changed: false,
    added: [],
    updated: [],
    archived: [],
    occurrences: { added: 0, updated: 0, archived: 0 },
  };
}

/** What a sync that wrote `diff` reports. */
export function changedSync(diff: SnapshotDiff): SyncResult {
  return {
    changed: true,
    added: diff.addedItems,
    updated: diff.updatedItems,
    archived: diff.archivedItems,
    occurrences: diff.occurrenceCounts,
  };
}

export function syncNote(diff: SnapshotDiff, version: string): string {
  const o = diff.occurrenceCounts;
  return (
    `items +${diff.addedItems.length} ~${diff.updatedItems.length} -${diff.archivedItems.length}; ` +
    `occurrences +${o.added} ~${o.updated} -${o.archived}; version ${version.slice(0, 12)}`
  );
}

/**
 * The item with its fields, and its milestones' and targets' fields, in a fixed order (optional
 * ones only when set), so equal items give equal JSON whether they came from YAML or the importer.
 */
function canonicalItem(item: Item): Item {
  return {
    id: item.id,
    title: item.title,
    text: item.text,
    points: [...item.points],
    leads: [...item.leads],
    partners: [...item.partners],
    deadline: item.deadline,
    milestones: item.milestones.map((m) => ({
      text: m.text,
      due: m.due,
      every: m.every,
      ...(m.count === undefined ? {} : { count: m.count }),
      ...(m.day === undefined ? {} : { day: m.day }),
    })),
    targets: item.targets.map((t) => ({ text: t.text, value: t.value, unit: t.unit })),
  };
}

/** JSON with object keys sorted at every level and undefined fields dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function itemSortKey(id: string): number {
  const m = /^(\d+)\.(\d+)$/.exec(id);
  return m ? Number(m[1]) * 1_000_000 + Number(m[2]) : Number.MAX_SAFE_INTEGER;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
