import { DubanError } from '../errors.js';

/**
 * One thing wrong with the configuration, worded for the person who edits the YAML:
 * `plan-2023.yaml: chapters[7].items[3].leads[0]: 监察科 is not a section in org.yaml — did you mean 监督科?`
 */
export interface ConfigProblem {
  /** File name relative to the config dir (`org.yaml`), or `environment` for env vars. */
  file: string;
  /** Where in the file: `chapters[7].items[3].leads[0]`; empty for the whole file. */
  path: string;
  message: string;
  /** How to fix it; absent when the message already says. */
  fix?: string;
  /** YAML syntax errors know where they are in the text. */
  line?: number;
  column?: number;
}

/** Between what is wrong and how to fix it, in messages and in schema error strings. */
export const FIX_SEPARATOR = ' — ';

/** A schema error string carrying both parts; `problemsFromZod` splits it again. */
export function withFix(message: string, fix: string): string {
  return `${message}${FIX_SEPARATOR}${fix}`;
}

export function splitFix(text: string): { message: string; fix?: string } {
  const at = text.indexOf(FIX_SEPARATOR);
  if (at < 0) return { message: text };
  return { message: text.slice(0, at), fix: text.slice(at + FIX_SEPARATOR.length) };
}

export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === undefined
      ? [problem.file, problem.path].filter(Boolean).join(': ')
      : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const fix = problem.fix ? `${FIX_SEPARATOR}${problem.fix}` : '';
  return `${where}: ${problem.message}${fix}`;
}

/** `chapters[7].items[3].leads[0]` from zod's `['chapters', 7, 'items', 3, 'leads', 0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/**
 * The configuration (files or environment) is wrong. Carries every problem found, not just the
 * first, so one run of `duban check` lists all there is to fix. The message is the formatted list.
 */
export class ConfigError extends DubanError {
  readonly problems: readonly ConfigProblem[];
  readonly warnings: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], warnings: readonly ConfigProblem[] = []) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('CONFIG_INVALID', `${count} in the configuration:\n${problems.map(formatProblem).join('\n')}`, {
      badInput: true,
    });
    this.problems = problems;
    this.warnings = warnings;
  }
}
