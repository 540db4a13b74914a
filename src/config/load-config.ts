import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../plan/types.js';
import { decodeText, encodingName } from '../text/decode-text.js';
import { checkOrg, type SectionNames } from './org-checks.js';
import { type Org, orgSchema } from './org-schema.js';
import { checkPlan } from './plan-checks.js';
import { planSchema } from './plan-schema.js';
import { ConfigError, type ConfigProblem } from './problem.js';
import { type ReminderPolicy, reminderPolicySchema } from './reminders-schema.js';
import { checkSynonymSections, type Synonyms, synonymsSchema } from './synonyms-schema.js';
import { parseYamlText } from './yaml-text.js';
import { parseWith } from './zod-problems.js';

export interface LoadedConfig {
  dir: string;
  plan: Plan;
  org: Org;
  reminders: ReminderPolicy;
  /** synonyms.yaml (optional): staff's words for the plan's; absent means none. */
  synonyms?: Synonyms;
  /** sha256 (hex) of the files' names and bytes: changes exactly when a file does. */
  version: string;
  /** Canonical section names, in org.yaml order. */
  sections: string[];
  /** Problems that do not stop duban (a head nobody can @-mention); print them. */
  warnings: ConfigProblem[];
}

export const ORG_FILE = 'org.yaml';
export const REMINDERS_FILE = 'reminders.yaml';
export const SYNONYMS_FILE = 'synonyms.yaml';
const PLAN_FILE = /^plan-(\d{4})\.yaml$/;

/**
 * Reads and checks `org.yaml`, `reminders.yaml` (optional: defaults), `synonyms.yaml` (optional)
 * and the plan file in `dir`.
 * The plan file is `plan-YYYY.yaml`; when there are several, the highest year wins (with a
 * warning), so next year's plan can be dropped in beside this year's. Throws a ConfigError
 * listing every problem found in all files.
 */
export async function loadConfig(dir: string): Promise<LoadedConfig> {
  const listing = await readdir(dir).catch(() => undefined);
  if (!listing)
    throw new ConfigError([
      { file: dir, path: '', message: 'no such directory', fix: 'pass --dir DIR or set CONFIG_DIR' },
    ]);
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const planFile = pickPlanFile(listing, errors, warnings);

  const bytes = new Map<string, Buffer>();
  const read = async (file: string, required: boolean): Promise<unknown> => {
    if (!listing.includes(file)) {
      if (required) errors.push({ file, path: '', message: 'missing', fix: `create ${file} in ${dir}` });
      return undefined;
    }
    const content = await readFile(join(dir, file));
    bytes.set(file, content);
    const problem = encodingProblem(file, content);
    if (problem) {
      errors.push(problem);
      return undefined;
    }
    const parsed = parseYamlText(file, content.toString('utf8'));
    if (parsed.ok) return parsed.data;
    errors.push(...parsed.problems);
    return undefined;
  };
  const orgRaw = await read(ORG_FILE, true);
  const planRaw = planFile ? await read(planFile, true) : undefined;
  const remindersRaw = (await read(REMINDERS_FILE, false)) ?? {};

  let names: SectionNames | undefined;
  let org: Org | undefined;
  if (orgRaw !== undefined) {
    const checked = checkOrg(orgRaw, ORG_FILE);
    // With no readable section at all, every name in the plan would be "unknown": skip that noise.
    names = checked.names.sections.length > 0 ? checked.names : undefined;
    org = collect(parseWith(orgSchema, orgRaw, ORG_FILE), errors);
    errors.push(...checked.errors);
    warnings.push(...checked.warnings);
  }
  let plan: Plan | undefined;
  if (planFile && planRaw !== undefined) {
    plan = collect(parseWith(planSchema, planRaw, planFile), errors);
    const checked = checkPlan(planRaw, planFile, names);
    errors.push(...checked.errors);
    warnings.push(...checked.warnings);
  }
  const reminders = collect(parseWith(reminderPolicySchema, remindersRaw, REMINDERS_FILE), errors);
  const synonymsRaw = (await read(SYNONYMS_FILE, false)) ?? {};
  const synonyms = collect(parseWith(synonymsSchema, synonymsRaw, SYNONYMS_FILE), errors);
  if (synonyms && names)
    errors.push(...checkSynonymSections(synonyms, names.sections, names.aliases, SYNONYMS_FILE));

  if (errors.length > 0 || !org || !plan || !reminders) throw new ConfigError(errors, warnings);
  return {
    dir,
    plan,
    org,
    reminders,
    ...(synonyms ? { synonyms } : {}),
    version: versionOf(bytes),
    sections: org.sections.map((s) => s.name),
    warnings,
  };
}

/**
 * A config file saved as GBK or UTF-16 (Windows Notepad's defaults) would parse into dozens of
 * garbled-name errors; one problem saying how to save it is what the user needs.
 */
function encodingProblem(file: string, content: Buffer): ConfigProblem | undefined {
  const decoded = decodeText(content);
  if (decoded.ok && decoded.encoding === 'utf-8') return undefined;
  const found = decoded.ok ? `${encodingName(decoded.encoding)} 编码` : '无法识别的编码（不是文本？）';
  return {
    file,
    path: '',
    message: `文件是${found}，duban 只读 UTF-8 / the file is not UTF-8`,
    fix: `用记事本或 WPS 打开 ${file}，"另存为"时编码选 UTF-8 / save it as UTF-8`,
  };
}

function pickPlanFile(
  listing: string[],
  errors: ConfigProblem[],
  warnings: ConfigProblem[],
): string | undefined {
  const plans = listing
    .filter((f) => PLAN_FILE.test(f))
    .sort()
    .reverse();
  if (plans.length === 0)
    errors.push({
      file: 'plan-YYYY.yaml',
      path: '',
      message: 'no plan file',
      fix: 'write one with `duban import FILE > config/plan-YYYY.yaml`',
    });
  else if (plans.length > 1)
    warnings.push({
      file: plans[0]!,
      path: '',
      message: `several plan files (${plans.join(', ')}); using ${plans[0]}`,
      fix: 'move old plans out of the config directory',
    });
  return plans[0];
}

function collect<T>(
  result: { ok: true; value: T } | { ok: false; problems: ConfigProblem[] },
  errors: ConfigProblem[],
): T | undefined {
  if (result.ok) return result.value;
  errors.push(...result.problems);
  return undefined;
}

/** Stable across runs and machines: files in name order, each framed by its name and length. */
function versionOf(bytes: Map<string, Buffer>): string {
  const hash = createHash('sha256');
  for (const file of [...bytes.keys()].sort()) {
    const content = bytes.get(file)!;
    hash.update(`${file}\n${content.length}\n`);
    hash.update(content);
  }
  return hash.digest('hex');
}
