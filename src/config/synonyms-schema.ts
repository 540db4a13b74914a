import { z } from 'zod';
import type { ConfigProblem } from './problem.js';
import { withFix } from './problem.js';
import { canonicalSection } from './sections.js';
import { suggest } from './suggest.js';

/**
 * `config/synonyms.yaml` (optional): the words staff use for what the plan calls otherwise, so an
 * office can teach duban its own shorthand without a release.
 *
 *   terms:     化债: [化解债务, 隐性债务]   # a word → the plan's words for it
 *   sections:  纪检: 党风廉政监督组         # a nickname → a section in org.yaml
 */
const phrase = z
  .string({ error: withFix('expected a word or phrase', 'write it as text') })
  .trim()
  .min(1, withFix('empty', 'write a word, or remove the entry'))
  .max(20, withFix('longer than 20 characters', 'use the shortest words that name the thing'));

export const synonymsSchema = z.strictObject({
  terms: z
    .record(z.string(), z.union([phrase, z.array(phrase).min(1)]))
    .default({})
    .transform((terms) =>
      Object.fromEntries(Object.entries(terms).map(([k, v]) => [k.trim(), typeof v === 'string' ? [v] : v])),
    ),
  sections: z.record(z.string(), phrase).default({}),
});

export type Synonyms = z.infer<typeof synonymsSchema>;

export const NO_SYNONYMS: Synonyms = { terms: {}, sections: {} };

/** Each section nickname must point at a section org.yaml names (or one of its aliases). */
export function checkSynonymSections(
  synonyms: Synonyms,
  sections: readonly string[],
  aliases: Readonly<Record<string, string>>,
  file: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [nickname, target] of Object.entries(synonyms.sections)) {
    if (canonicalSection(target, sections, aliases) !== undefined) continue;
    const near = suggest(target, [...sections, ...Object.keys(aliases)]);
    problems.push({
      file,
      path: `sections.${nickname}`,
      message: `${target} is not a section in org.yaml`,
      fix: near ? `did you mean ${near}?` : 'write a section name from org.yaml',
    });
  }
  return problems;
}
