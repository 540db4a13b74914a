import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, formatProblem } from '../../src/config/problem.js';
import { DEFAULT_REMINDER_POLICY } from '../../src/config/reminders-schema.js';
import { DubanError } from '../../src/errors.js';
import { BAD_VALUES_DIR, REAL_CONFIG_DIR } from './paths.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A writable copy of the real config/ to edit one file at a time. */
async function copyOfRealConfig(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-config-'));
  temps.push(dir);
  await cp(REAL_CONFIG_DIR, dir, { recursive: true });
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  const error = await loadConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.problems.map(formatProblem);
}

describe('loadConfig on the real config/', () => {
  it('accepts it: the plan, 15 sections in org.yaml order, the reminder policy, no warnings', async () => {
    const config = await loadConfig(REAL_CONFIG_DIR);
    expect(config.plan.year).toBe(2023);
    expect(config.plan.chapters).toHaveLength(10);
    expect(config.sections).toEqual([
      '办公室',
      '党支部',
      '党风廉政监督组',
      '预算科',
      '国库科',
      '经建科',
      '金融服务中心',
      '行财科',
      '农业科',
      '绩效科',
      '采购科',
      '国资科',
      '支付中心',
      '债务科',
      '监督科',
    ]);
    expect(config.reminders).toEqual(DEFAULT_REMINDER_POLICY);
    expect(config.org.aliases.金融中心).toBe('金融服务中心');
    expect(config.warnings).toEqual([]);
  });

  it('every section the plan names is in org.yaml', async () => {
    const config = await loadConfig(REAL_CONFIG_DIR);
    const named = config.plan.chapters.flatMap((c) => c.items.flatMap((i) => [...i.leads, ...i.partners]));
    for (const name of named) expect([...config.sections, '各科室']).toContain(name);
  });

  it('has a stable version that changes with any byte of any file', async () => {
    const first = await loadConfig(REAL_CONFIG_DIR);
    const again = await loadConfig(REAL_CONFIG_DIR);
    expect(first.version).toMatch(/^[0-9a-f]{64}$/);
    expect(again.version).toBe(first.version);
    const dir = await copyOfRealConfig();
    expect((await loadConfig(dir)).version).toBe(first.version);
    await writeFile(join(dir, 'reminders.yaml'), `${await readFile(join(dir, 'reminders.yaml'), 'utf8')}\n`);
    expect((await loadConfig(dir)).version).not.toBe(first.version);
  });
});

describe('loadConfig, other layouts', () => {
  it('uses the defaults when reminders.yaml is absent', async () => {
    const dir = await copyOfRealConfig();
    await unlink(join(dir, 'reminders.yaml'));
    expect((await loadConfig(dir)).reminders).toEqual(DEFAULT_REMINDER_POLICY);
  });

  it('with several plan files, takes the highest year and warns', async () => {
    const dir = await copyOfRealConfig();
    const plan = await readFile(join(dir, 'plan-2023.yaml'), 'utf8');
    await writeFile(join(dir, 'plan-2024.yaml'), plan.replaceAll('2023', '2024'));
    const config = await loadConfig(dir);
    expect(config.plan.year).toBe(2024);
    expect(config.warnings.map(formatProblem)).toEqual([
      'plan-2024.yaml: several plan files (plan-2024.yaml, plan-2023.yaml); using plan-2024.yaml — move old plans out of the config directory',
    ]);
  });

  it('refuses a plan whose year does not match its file name', async () => {
    const dir = await copyOfRealConfig();
    const plan = await readFile(join(dir, 'plan-2023.yaml'), 'utf8');
    await writeFile(join(dir, 'plan-2023.yaml'), plan.replace('year: 2023', 'year: 2024'));
    const problems = await problemsOf(dir);
    expect(problems[0]).toBe(
      'plan-2023.yaml: year: 2024 does not match the file name — rename the file to plan-2024.yaml, or set year: 2023',
    );
    // …and every 2023 date is now outside the plan year, each reported.
    expect(problems.filter((p) => p.includes('is outside the plan year 2024')).length).toBeGreaterThan(20);
  });

  it('says which files are missing', async () => {
    const dir = await copyOfRealConfig();
    await unlink(join(dir, 'org.yaml'));
    await unlink(join(dir, 'plan-2023.yaml'));
    expect(await problemsOf(dir)).toEqual([
      'plan-YYYY.yaml: no plan file — write one with `duban import FILE > config/plan-YYYY.yaml`',
      `org.yaml: missing — create org.yaml in ${dir}`,
    ]);
  });

  it('an empty org.yaml is one problem, not one per section the plan names', async () => {
    const dir = await copyOfRealConfig();
    await writeFile(join(dir, 'org.yaml'), '# nothing yet\n');
    expect(await problemsOf(dir)).toEqual(['org.yaml: expected a mapping (key: value), got null (empty)']);
  });

  it('resolves aliases in the plan, and suggests through them', async () => {
    const dir = await copyOfRealConfig();
    const plan = await readFile(join(dir, 'plan-2023.yaml'), 'utf8');
    await writeFile(
      join(dir, 'plan-2023.yaml'),
      plan.replace('- 金融服务中心', '- 金融中心').replace('- 债务科', '- 政府债务处'),
    );
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/: 政府债务处 is not a section in org\.yaml — did you mean 债务科\?$/);
  });

  it('checks org.yaml as a whole: duplicate sections, aliases to nowhere, the reserved 各科室', async () => {
    const dir = await copyOfRealConfig();
    const org = await readFile(join(dir, 'org.yaml'), 'utf8');
    await writeFile(
      join(dir, 'org.yaml'),
      org
        .replace('  - name: 党支部', '  - name: 办公室')
        .replace('  金融中心: 金融服务中心', '  金融中心: 金融服务科\n  各科室: 办公室'),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContain(
      'org.yaml: sections[1].name: 办公室 is listed twice — merge it with sections[0]',
    );
    expect(problems).toContain(
      'org.yaml: aliases.金融中心: 金融服务科 is not a section in org.yaml — did you mean 金融服务中心?',
    );
    expect(problems).toContain(
      'org.yaml: aliases.各科室: 各科室 is reserved — it means every section: remove this alias',
    );
    // The plan still names 党支部, now gone from org.yaml: reported against the plan.
    expect(problems.some((p) => p.includes('党支部 is not a section in org.yaml'))).toBe(true);
  });

  it('is a bad-input DubanError whose message lists every problem', async () => {
    const error = await loadConfig(BAD_VALUES_DIR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DubanError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', badInput: true });
    const message = (error as Error).message.split('\n');
    expect(message[0]).toBe('6 problems in the configuration:');
    expect(message).toHaveLength(7);
    expect((error as ConfigError).warnings).toHaveLength(1);
    expect((error as ConfigError).problems[0]).toEqual({
      file: 'org.yaml',
      path: 'sections[4].head.open_id',
      message: 'not a Lark open_id',
      fix: 'an open_id looks like ou_ followed by letters and digits (Lark admin console → member details)',
    });
  });
});
