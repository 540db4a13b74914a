import { ALL_SECTIONS } from '../plan/types.js';
import type { ConfigProblem } from './problem.js';
import { entries, field, isMapping, list, text } from './raw.js';
import { suggest } from './suggest.js';

/** Section names and aliases as far as org.yaml can be read, for the plan's cross-checks. */
export interface SectionNames {
  sections: string[];
  aliases: Record<string, string>;
}

/**
 * Checks org.yaml as a whole (the schema checks each field): unique section names, aliases that
 * point at sections, heads that can be @-mentioned. Runs on the raw data so these problems are
 * reported together with the schema's.
 */
export function checkOrg(
  raw: unknown,
  file: string,
): { errors: ConfigProblem[]; warnings: ConfigProblem[]; names: SectionNames } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const firstAt = new Map<string, number>();
  list(field(raw, 'sections')).forEach((section, i) => {
    const name = text(field(section, 'name'));
    if (name === undefined || name === '') return;
    const path = `sections[${i}].name`;
    const earlier = firstAt.get(name);
    if (name === ALL_SECTIONS)
      errors.push({
        file,
        path,
        message: `${ALL_SECTIONS} is reserved`,
        fix: 'it means every section: rename this one',
      });
    else if (earlier !== undefined)
      errors.push({
        file,
        path,
        message: `${name} is listed twice`,
        fix: `merge it with sections[${earlier}]`,
      });
    else firstAt.set(name, i);
    const head = field(section, 'head');
    if (isMapping(head) && field(head, 'open_id') === undefined && field(head, 'email') === undefined)
      warnings.push({
        file,
        path: `sections[${i}].head`,
        message: `${text(field(head, 'name')) ?? 'the head'} has no open_id or email, so duban cannot @-mention them`,
        fix: 'add open_id (or email)',
      });
  });
  const sections = [...firstAt.keys()];
  const aliases: Record<string, string> = {};
  for (const [alias, value] of entries(field(raw, 'aliases'))) {
    const target = text(value);
    if (target === undefined) continue; // the schema reports it
    const path = `aliases.${alias}`;
    if (alias === ALL_SECTIONS)
      errors.push({
        file,
        path,
        message: `${ALL_SECTIONS} is reserved`,
        fix: 'it means every section: remove this alias',
      });
    else if (sections.includes(alias))
      errors.push({ file, path, message: `${alias} is already a section name`, fix: 'remove this alias' });
    else if (!sections.includes(target)) {
      const guess = suggest(target, sections);
      errors.push({
        file,
        path,
        message: `${target} is not a section in org.yaml`,
        fix: guess ? `did you mean ${guess}?` : `point it at one of: ${sections.join('、')}`,
      });
    } else aliases[alias] = target;
  }
  return { errors, warnings, names: { sections, aliases } };
}
