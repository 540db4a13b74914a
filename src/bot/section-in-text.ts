import type { Org } from '../config/org-schema.js';
import { canonicalSection, sectionNames } from '../config/sections.js';

/** The section a message names ("预算科的任务", "进度 金融中心"), by its name or an alias; longest name wins. */
export function sectionInText(text: string, org: Org): string | undefined {
  const names = [...sectionNames(org), ...Object.keys(org.aliases)].sort((a, b) => b.length - a.length);
  const found = names.find((name) => text.includes(name.toLowerCase()));
  return found === undefined ? undefined : canonicalSection(found, sectionNames(org), org.aliases);
}
