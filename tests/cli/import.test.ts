import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importPlan } from '../../src/plan/importer.js';
import { runDuban } from '../helpers/cli-io.js';
import { makeDocx } from '../helpers/make-docx.js';
import { REFERENCE_PLAN_PATH, readReferencePlan } from '../helpers/reference-plan.js';

const run = (args: string[]) => runDuban(args);

describe('duban import', () => {
  it('prints the reference plan as JSON in the public shape', async () => {
    const { code, out, err } = await run(['import', REFERENCE_PLAN_PATH, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(Object.keys(plan)).toEqual(['title', 'year', 'chapters']);
    expect(Object.keys(plan.chapters[0].items[0])).toEqual([
      'id',
      'title',
      'text',
      'points',
      'leads',
      'partners',
      'deadline',
      'milestones',
      'targets',
    ]);
    expect(plan.chapters.flatMap((c: { items: unknown[] }) => c.items)).toHaveLength(24);
  });

  it('prints YAML by default that reads back to the same plan', async () => {
    const { code, out } = await run(['import', REFERENCE_PLAN_PATH]);
    expect(code).toBe(0);
    expect(parse(out)).toEqual(importPlan(readReferencePlan()).plan);
  });

  it('reads a .docx the same as its text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-import-'));
    const path = join(dir, '工作要点.docx');
    await writeFile(path, await makeDocx(readReferencePlan().split('\n')));
    const { code, out } = await run(['import', path, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(importPlan(readReferencePlan()).plan);
  });

  it('takes --year over the title', async () => {
    const { out } = await run(['import', REFERENCE_PLAN_PATH, '--json', '--year', '2024']);
    const plan = JSON.parse(out);
    expect(plan.year).toBe(2024);
    expect(plan.chapters[0].items[1].deadline).toBe('2024-06-30');
  });

  it('exits 2 with a message on a missing file, a bad --year, a non-docx .docx and an unknown option', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-import-'));
    const fake = join(dir, 'fake.docx');
    await writeFile(fake, 'not a zip');
    const cases: [string[], RegExp][] = [
      [['import', join(dir, 'missing.txt')], /无法读取 .*missing\.txt：文件不存在.*no such file.*ENOENT/],
      [['import', REFERENCE_PLAN_PATH, '--year', 'twenty'], /--year twenty: expected a year/],
      [['import', fake], /fake\.docx 不是可读取的 \.docx 文件 \/ is not a readable \.docx file/],
      [
        ['import', REFERENCE_PLAN_PATH, '--yaml'],
        /unknown option --yaml \(known: --year, --json, --report\)/,
      ],
      [['import'], /usage: duban import FILE/],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await run(args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
    }
  });

  it('prints warnings on stderr naming the file and line, and still prints the plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-import-'));
    const path = join(dir, 'plan.txt');
    await writeFile(
      path,
      `${await readFile(REFERENCE_PLAN_PATH, 'utf8')}\n落款：某某局\n附件：联系人名单\n2023年3月1日\n`,
    );
    const { code, out, err } = await run(['import', path, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).chapters).toHaveLength(10);
    expect(err).toMatch(
      /^warning: .*plan\.txt 第\d+行: 不属于任何事项.*not part of any item .*: 落款：某某局$/m,
    );
    // The attachment line and the date are document furniture: no warning.
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
