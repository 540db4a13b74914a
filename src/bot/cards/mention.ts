import type { Org, Person } from '../../config/org-schema.js';
import { findSection } from '../../config/sections.js';
import { ALL_SECTIONS } from '../../plan/types.js';

/** A person as card markdown: an @-mention when Lark can resolve them, else their name. */
export function mentionInCard(person: Person): string {
  if (person.open_id) return `<at id=${person.open_id}></at>`;
  if (person.email) return `<at email=${person.email}></at>`;
  return person.name;
}

/** A person in a text message: `<at user_id="ou_…">name</at>`, or the name. */
export function mentionInText(person: Person): string {
  return person.open_id ? `<at user_id="${person.open_id}">${person.name}</at>` : person.name;
}

/** "监督科 @李四": the section with its head @-mentioned (and deputies, when asked). */
export function sectionWithHead(name: string, org: Org, options: { deputies?: boolean } = {}): string {
  if (name === ALL_SECTIONS) return name;
  const section = findSection(name, org);
  if (!section) return name;
  const people = [section.head, ...(options.deputies ? section.deputies : [])];
  return `${section.name} ${people.map(mentionInCard).join(' ')}`;
}

/**
 * The partner list of an item: "各科室" stays one word instead of fifteen @-mentions, which would
 * ring every head in the bureau each time anyone asks.
 */
export function sectionList(names: string[], org: Org): string {
  return names.length === 0 ? '无' : names.map((n) => sectionWithHead(n, org)).join('、');
}

/**
 * "监督科 曹阳": the section and its head by name only. Answers to questions name people and
 * ping no one — a who-leads question about 3.1 must not ring nine heads; @ is for reminders.
 */
export function sectionWithHeadName(name: string, org: Org): string {
  if (name === ALL_SECTIONS) return name;
  const section = findSection(name, org);
  return section ? `${section.name} ${section.head.name}` : name;
}

/** The partner list of an item by name: "各科室" stays one word. */
export function sectionNameList(names: string[], org: Org): string {
  return names.length === 0 ? '无' : names.map((n) => sectionWithHeadName(n, org)).join('、');
}
