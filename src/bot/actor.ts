import type { Org, Person } from '../config/org-schema.js';
import { findSection, sectionsOf } from '../config/sections.js';

/**
 * Who acted on sections' work, as the chat should read it. A head confirming their own section
 * goes without saying; a deputy is named ("国资科 宋雅琴"); anyone else — an admin, or the head of
 * another section — is named with where they sit and for whom ("办公室 周婷 代 国资科"). Each
 * section whose head did not act has its head told.
 */
export interface Actor {
  /** "办公室 周婷 代 国资科", "国资科 宋雅琴"; undefined when the sections' own head acted. */
  phrase?: string;
  /** Heads of the sections someone else acted for. */
  tell: Person[];
  /** "办公室 周婷": set when someone outside the sections acted for them. */
  outsider?: string;
}

export function actorFor(openId: string, sections: readonly string[], org: Org): Actor {
  const found = sections.map((name) => ({ name, section: findSection(name, org) }));
  const others = found.filter(({ section }) => section?.head.open_id !== openId);
  if (others.length === 0) return { tell: [] };
  const tell = others.flatMap(({ section }) => (section ? [section.head] : []));
  const name = personName(openId, org) ?? '管理员';
  const member = found.every(({ section }) => section?.deputies.some((d) => d.open_id === openId));
  if (member) return { phrase: `${sections.join('、')} ${name}`, tell };
  const outsider = `${sectionsOf(openId, org)[0] ?? '督办管理员'} ${name}`;
  return { phrase: `${outsider} 代 ${sections.join('、')}`, tell, outsider };
}

/** A person's name from org.yaml (a head, deputy, leader or admin); undefined for a stranger. */
export function personName(openId: string, org: Org): string | undefined {
  for (const s of org.sections)
    for (const p of [s.head, ...s.deputies, ...(s.leader ? [s.leader] : [])])
      if (p.open_id === openId) return p.name;
  return org.admins.find((a) => a.open_id === openId)?.name;
}
