import { ALL_SECTIONS } from '../plan/types.js';
import type { Org, Person, Section } from './org-schema.js';

/** Who is who in org.yaml: section names, aliases, and who may confirm a section's work. */

/** The canonical name for `name` (itself, or what an alias points to); undefined if unknown. */
export function canonicalSection(
  name: string,
  sections: readonly string[],
  aliases: Readonly<Record<string, string>>,
): string | undefined {
  const trimmed = name.trim();
  if (sections.includes(trimmed)) return trimmed;
  const target = aliases[trimmed];
  return target !== undefined && sections.includes(target) ? target : undefined;
}

export function sectionNames(org: Org): string[] {
  return org.sections.map((s) => s.name);
}

export function findSection(name: string, org: Org): Section | undefined {
  const canonical = canonicalSection(name, sectionNames(org), org.aliases);
  return org.sections.find((s) => s.name === canonical);
}

/**
 * Section names as the plan writes them → canonical names: "各科室" becomes every section in
 * org.yaml order, aliases resolve, duplicates go (first place wins). Names org.yaml does not
 * know are kept as written — loadConfig has already refused them in the plan, and dropping
 * them silently would hide a task's owner.
 */
export function expandSections(names: readonly string[], org: Org): string[] {
  const all = sectionNames(org);
  const out = new Set<string>();
  for (const name of names) {
    if (name.trim() === ALL_SECTIONS) for (const section of all) out.add(section);
    else out.add(canonicalSection(name, all, org.aliases) ?? name.trim());
  }
  return [...out];
}

/** Sections where `openId` is the head or a deputy, in org.yaml order. */
export function sectionsOf(openId: string, org: Org): string[] {
  return org.sections.filter((s) => membersOf(s).some((p) => p.open_id === openId)).map((s) => s.name);
}

export function isAdmin(openId: string, org: Org): boolean {
  return org.admins.some((a) => a.open_id === openId);
}

/** Only the section's head or deputies, or an admin, may confirm (or undo) its work. */
export function canConfirm(openId: string, section: string, org: Org): boolean {
  if (isAdmin(openId, org)) return true;
  const found = findSection(section, org);
  return found !== undefined && membersOf(found).some((p) => p.open_id === openId);
}

/**
 * The people to name when refusing a confirmation: the section's head, then its deputies.
 * Admins can confirm too but are not listed — the refusal should point at the section.
 */
export function whoCanConfirm(section: string, org: Org): Person[] {
  const found = findSection(section, org);
  return found ? membersOf(found) : [];
}

function membersOf(section: Section): Person[] {
  return [section.head, ...section.deputies];
}
