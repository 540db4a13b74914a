import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * The import corpus (tests/fixtures/import-corpus/<slug>/): real public task documents, each with
 * truth written by hand from reading it. See that folder's README for how truth was written.
 */
export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/import-corpus/', import.meta.url));

/** `ongoing` for 长期/持续; `none` when the document states no deadline; else a date or the text as written. */
export type TruthDeadline = string;

export interface TruthTask {
  /** The numbering as written, for humans. */
  ref: string;
  /** The task's first words as written (≥ 6 characters). */
  title: string;
  leads: string[];
  partners: string[];
  deadline: TruthDeadline;
}

export interface CorpusDocument {
  slug: string;
  /** document.txt or document.html. */
  path: string;
  year: number;
  heldOut: boolean;
  tasks: TruthTask[];
}

export function loadCorpus(dir: string = CORPUS_DIR): CorpusDocument[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => loadDocument(join(dir, entry.name), entry.name))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

function loadDocument(dir: string, slug: string): CorpusDocument {
  const path = ['document.txt', 'document.html'].map((name) => join(dir, name)).find((p) => existsSync(p));
  if (!path) throw new Error(`${slug}: no document.txt or document.html`);
  const source = readFileSync(join(dir, 'source.md'), 'utf8');
  const heldOut = /held_out:\**\s*(true|false)/.exec(source)?.[1];
  if (heldOut === undefined)
    throw new Error(`${slug}/source.md: add a line "held_out: true" or "held_out: false"`);
  const truth = parse(readFileSync(join(dir, 'truth.yaml'), 'utf8')) as { year?: unknown; tasks?: unknown };
  if (typeof truth?.year !== 'number') throw new Error(`${slug}/truth.yaml: "year" must be a number`);
  if (!Array.isArray(truth.tasks) || truth.tasks.length === 0)
    throw new Error(`${slug}/truth.yaml: "tasks" must be a non-empty list`);
  return {
    slug,
    path,
    year: truth.year,
    heldOut: heldOut === 'true',
    tasks: truth.tasks.map((task, index) => truthTask(task, `${slug}/truth.yaml tasks[${index}]`)),
  };
}

function truthTask(raw: unknown, where: string): TruthTask {
  const task = raw as Record<string, unknown>;
  const text = (key: string): string => {
    const value = task[key];
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`${where}: "${key}" must be text`);
    return String(value);
  };
  const units = (key: string): string[] => {
    const value = task[key];
    if (!Array.isArray(value) || value.some((u) => typeof u !== 'string'))
      throw new Error(`${where}: "${key}" must be a list of unit names ([] when none)`);
    return value as string[];
  };
  const title = text('title');
  if ([...title].length < 6) throw new Error(`${where}: "title" must be at least 6 characters`);
  return {
    ref: text('ref'),
    title,
    leads: units('leads'),
    partners: units('partners'),
    deadline: text('deadline'),
  };
}
