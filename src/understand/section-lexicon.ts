import type { Org } from '../config/org-schema.js';
import { canonicalSection, sectionNames } from '../config/sections.js';
import type { Synonyms } from '../config/synonyms-schema.js';

/**
 * How people name sections in chat, built once per config: full names and org.yaml aliases
 * (matched anywhere: "国库科都有啥活"), nicknames from synonyms.yaml, short names (the name less
 * 科/中心/组/室: "国资", "债务", "金融服务"; matched only as a whole word, since "债务" is also
 * a plain word), and people (a head, deputy or 分管领导 stands for their sections).
 */
export interface SectionLexicon {
  /** Longest first: full names, aliases, nicknames → canonical section. */
  names: [string, string][];
  /** Short name → canonical section. */
  abbreviations: Map<string, string>;
  /** Person's name → the sections they head, deputise or oversee; longest name first. */
  people: [string, string[]][];
  /** Everyone who may be @-mentioned, longest first: the bot's own names and org.yaml's people. */
  mentionable: string[];
}

const SUFFIX = /(科室|科|中心|组|室)$/;
const BOT_NAMES = ['督办机器人', '督办', 'duban', '所有人', 'all'];

export function sectionLexicon(org: Org, synonyms: Synonyms): SectionLexicon {
  const all = sectionNames(org);
  const names = new Map<string, string>();
  for (const name of all) names.set(name, name);
  for (const alias of Object.keys(org.aliases)) {
    const target = canonicalSection(alias, all, org.aliases);
    if (target) names.set(alias, target);
  }
  for (const [nickname, target] of Object.entries(synonyms.sections)) {
    const canonical = canonicalSection(target, all, org.aliases);
    if (canonical) names.set(nickname.trim(), canonical);
  }
  const abbreviations = new Map<string, string>();
  for (const [name, target] of names) {
    const short = name.replace(SUFFIX, '');
    const usable = short !== name && Array.from(short).length >= 2 && !names.has(short);
    // The first section to claim a short name keeps it (org.yaml order): 监督 is 监督科's.
    if (usable && !abbreviations.has(short)) abbreviations.set(short, target);
  }
  const people = new Map<string, Set<string>>();
  const add = (person: string, section: string) =>
    people.set(person, (people.get(person) ?? new Set()).add(section));
  for (const section of org.sections) {
    for (const person of [section.head, ...section.deputies]) add(person.name, section.name);
    if (section.leader) add(section.leader.name, section.name);
  }
  const byLength = <T>(entries: [string, T][]) => entries.sort((a, b) => b[0].length - a[0].length);
  return {
    names: byLength([...names.entries()].map(([k, v]) => [k.toLowerCase(), v])),
    abbreviations,
    people: byLength([...people.entries()].map(([k, v]) => [k, [...v]])),
    mentionable: byLength(
      [...BOT_NAMES, ...people.keys(), ...org.admins.map((a) => a.name)].map((n) => [n, 0]),
    ).map(([n]) => n.toLowerCase()),
  };
}

export interface SectionInText {
  section: string;
  span: [number, number];
}

/** The first full name, alias or nickname in `text` (longest names tried first). */
export function namedSection(text: string, lexicon: SectionLexicon): SectionInText | undefined {
  let best: SectionInText | undefined;
  for (const [name, section] of lexicon.names) {
    const at = text.indexOf(name);
    if (at >= 0 && (!best || at < best.span[0])) best = { section, span: [at, at + name.length] };
  }
  return best;
}

/** A person named in `text`, and the sections they stand for. */
export function namedPerson(
  text: string,
  lexicon: SectionLexicon,
): { sections: string[]; span: [number, number] } | undefined {
  for (const [name, sections] of lexicon.people) {
    const at = text.indexOf(name);
    if (at >= 0) return { sections, span: [at, at + name.length] };
  }
  return undefined;
}
