import { isLocalDate } from '../plan/dates.js';
import { ALL_SECTIONS } from '../plan/types.js';
import type { SectionNames } from './org-checks.js';
import { ITEM_ID } from './plan-schema.js';
import type { ConfigProblem } from './problem.js';
import { field, list, text } from './raw.js';
import { canonicalSection } from './sections.js';
import { suggest } from './suggest.js';

/**
 * Checks a plan file as a whole and against org.yaml: every section it names exists, every
 * date falls in the plan year, item ids are unique and match their chapter. Runs on the raw data
 * (see raw.ts); fields the schema rejects are skipped here rather than reported twice.
 */
export function checkPlan(
  raw: unknown,
  file: string,
  names: SectionNames | undefined,
): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const rawYear = field(raw, 'year');
  const year = typeof rawYear === 'number' && Number.isInteger(rawYear) ? rawYear : undefined;
  const fileYear = /^plan-(\d{4})\.ya?ml$/.exec(file)?.[1];
  if (year !== undefined && fileYear !== undefined && Number(fileYear) !== year)
    errors.push({
      file,
      path: 'year',
      message: `${year} does not match the file name`,
      fix: `rename the file to plan-${year}.yaml, or set year: ${fileYear}`,
    });

  const idAt = new Map<string, string>();
  list(field(raw, 'chapters')).forEach((chapter, c) => {
    const chapterNumber = field(chapter, 'number');
    list(field(chapter, 'items')).forEach((item, i) => {
      const at = `chapters[${c}].items[${i}]`;
      const id = text(field(item, 'id'));
      if (id !== undefined && ITEM_ID.test(id)) {
        const earlier = idAt.get(id);
        if (earlier !== undefined)
          errors.push({
            file,
            path: `${at}.id`,
            message: `${id} is used twice (also ${earlier})`,
            fix: 'give each item its own id',
          });
        else idAt.set(id, `${at}.id`);
        if (typeof chapterNumber === 'number' && !id.startsWith(`${chapterNumber}.`))
          errors.push({
            file,
            path: `${at}.id`,
            message: `${id} is not in chapter ${chapterNumber}`,
            fix: `item ids in this chapter start with ${chapterNumber}.`,
          });
      }
      if (Array.isArray(field(item, 'leads')) && list(field(item, 'leads')).length === 0)
        warnings.push({
          file,
          path: `${at}.leads`,
          message: `item ${id ?? ''} has no lead section`,
          fix: 'nobody will be reminded of it: add 牵头科室',
        });
      if (names)
        for (const key of ['leads', 'partners'])
          errors.push(...checkSectionNames(field(item, key), `${at}.${key}`, file, names));
      if (year !== undefined) errors.push(...checkDates(item, at, file, year));
    });
  });
  return { errors, warnings };
}

function checkSectionNames(value: unknown, at: string, file: string, names: SectionNames): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  list(value).forEach((entry, k) => {
    const name = text(entry);
    if (name === undefined || name === ALL_SECTIONS || canonicalSection(name, names.sections, names.aliases))
      return;
    const guess = suggest(name, [...names.sections, ...Object.keys(names.aliases)]);
    const canonical = guess && (names.aliases[guess] ?? guess);
    problems.push({
      file,
      path: `${at}[${k}]`,
      message: `${name} is not a section in org.yaml`,
      fix: canonical
        ? `did you mean ${canonical}?`
        : `add it to org.yaml (sections or aliases), or use ${ALL_SECTIONS}`,
    });
  });
  return problems;
}

function checkDates(item: unknown, at: string, file: string, year: number): ConfigProblem[] {
  const dated: [string, unknown][] = [[`${at}.deadline`, field(item, 'deadline')]];
  list(field(item, 'milestones')).forEach((m, k) => {
    dated.push([`${at}.milestones[${k}].due`, field(m, 'due')]);
  });
  return dated
    .filter(([, value]) => typeof value === 'string' && isLocalDate(value) && !value.startsWith(`${year}-`))
    .map(([path, value]) => ({
      file,
      path,
      message: `${String(value)} is outside the plan year ${year}`,
      fix: `use a date in ${year}, or check the plan's year`,
    }));
}
