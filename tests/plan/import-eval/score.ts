import type { Item } from '../../../src/plan/types.js';
import type { TruthTask } from './corpus.js';

export type Field = 'found' | 'leads' | 'partners' | 'deadline';

/** One field the importer got wrong, with what the truth says and what came out. */
export interface Miss {
  ref: string;
  title: string;
  field: Field;
  expected: string;
  got: string;
}

export interface DocumentScore {
  tasks: number;
  /** Fields right: four per truth task (found, leads, partners, deadline). */
  right: number;
  /** 4 × tasks, plus one for every importer item that matches no truth task. */
  total: number;
  misses: Miss[];
  /** Importer items that match no truth task, by id and title. */
  extraItems: string[];
}

/**
 * Scores one document: each truth task is matched to the first unclaimed item whose title or text
 * starts with the task's title (after normalising), then found, leads (same units, any order),
 * partners (same set) and deadline are compared. A task not found gets its other three fields wrong.
 */
export function scoreDocument(truth: TruthTask[], items: Item[]): DocumentScore {
  const claimed = new Set<Item>();
  const misses: Miss[] = [];
  let right = 0;
  for (const task of truth) {
    const item = items.find((candidate) => !claimed.has(candidate) && matches(candidate, task.title));
    const miss = (field: Field, expected: string, got: string) =>
      misses.push({ ref: task.ref, title: task.title, field, expected, got });
    if (!item) {
      miss('found', task.title, 'no item');
      continue;
    }
    claimed.add(item);
    right++;
    if (sameUnits(task.leads, item.leads, 'list')) right++;
    else miss('leads', show(task.leads), show(item.leads));
    if (sameUnits(task.partners, item.partners, 'set')) right++;
    else miss('partners', show(task.partners), show(item.partners));
    if (deadlineRight(task.deadline, item)) right++;
    else miss('deadline', task.deadline, describeDeadline(item));
  }
  const extra = items.filter((item) => !claimed.has(item));
  return {
    tasks: truth.length,
    right,
    total: truth.length * 4 + extra.length,
    misses,
    extraItems: extra.map((item) => `${item.id} ${item.title}`),
  };
}

/** Letters, digits and CJK only, compatibility forms folded (（一） and (一) alike). */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\p{P}\p{S}\p{Z}\s]/gu, '');
}

/**
 * An item is the task when its title or text begins with the task's title; a few characters of
 * leftover numbering or markers ("1", "★") before it are tolerated.
 */
const PREFIX_SLACK = 4;

function matches(item: Item, title: string): boolean {
  const wanted = normalise(title);
  return [item.title, item.text].some((candidate) => {
    const at = normalise(candidate).indexOf(wanted);
    return at >= 0 && at <= PREFIX_SLACK;
  });
}

function sameUnits(expected: string[], got: string[], how: 'list' | 'set'): boolean {
  const fold = (units: string[]) => units.map((u) => u.normalize('NFKC').replace(/\s/g, ''));
  const a = fold(expected).sort();
  const b = fold(got).sort();
  if (how === 'set') return new Set(a).size === new Set(b).size && a.every((u) => b.includes(u));
  return a.length === b.length && a.every((u, i) => u === b[i]);
}

/** An importer may mark ongoing items explicitly; until it does, an ongoing milestone says so. */
function isOngoing(item: Item): boolean {
  const marker = (item as Item & { ongoing?: unknown }).ongoing;
  if (marker !== undefined) return marker === true;
  return item.milestones.some((m) => m.due === null && m.every === null);
}

function deadlineRight(expected: string, item: Item): boolean {
  if (expected === 'ongoing') return item.deadline === null && isOngoing(item);
  // Body text such as "持续深化…" may give an item an ongoing milestone; with no deadline stated, any
  // item without a date is right.
  if (expected === 'none') return item.deadline === null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(expected)) return item.deadline === expected;
  // A phrase that is no date ("立即"): kept as text, never turned into a date.
  const text = (item as Item & { deadlineText?: unknown }).deadlineText;
  return (
    item.deadline === null && (text === expected || item.milestones.some((m) => m.text.includes(expected)))
  );
}

function describeDeadline(item: Item): string {
  if (item.deadline) return item.deadline;
  return isOngoing(item) ? 'ongoing' : 'none';
}

function show(units: string[]): string {
  return `[${units.join(', ')}]`;
}
