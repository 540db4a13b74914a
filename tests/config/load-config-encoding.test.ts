import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, formatProblem } from '../../src/config/problem.js';
import { gbk } from '../helpers/gbk.js';
import { REAL_CONFIG_DIR } from './paths.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function problemsWithOrgAs(encode: (text: string) => Buffer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-config-enc-'));
  temps.push(dir);
  await cp(REAL_CONFIG_DIR, dir, { recursive: true });
  const org = await readFile(join(dir, 'org.yaml'), 'utf8');
  await writeFile(join(dir, 'org.yaml'), encode(org));
  const error = await loadConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.problems.map(formatProblem);
}

describe('loadConfig on a config file that is not UTF-8', () => {
  it('says once that a GBK org.yaml must be saved as UTF-8, instead of one error per garbled name', async () => {
    const problems = await problemsWithOrgAs(gbk);
    const about = problems.filter((p) => p.includes('org.yaml'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(/GBK\/GB18030 编码/);
    expect(about[0]).toMatch(/UTF-8/);
  });

  it('says the same of a UTF-16 file (Notepad’s "Unicode")', async () => {
    const problems = await problemsWithOrgAs((t) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    );
    expect(problems.filter((p) => p.includes('org.yaml'))).toEqual([
      expect.stringMatching(/UTF-16 编码.*UTF-8/s),
    ]);
  });
});
