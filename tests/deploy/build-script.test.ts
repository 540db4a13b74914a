import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtScript } from '../helpers/spawn-duban.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * scripts/build.mjs on a small project of its own (a copy of the script, the checkout's
 * TypeScript): what the test run's build (--keep-type-errors, tests/helpers/build-duban.ts) lets
 * through and what it refuses, and that a rebuild leaves nothing of a deleted source.
 */
describe('scripts/build.mjs', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'duban-build-script-'));
    mkdirSync(join(project, 'scripts'));
    cpSync(join(ROOT, 'scripts', 'build.mjs'), join(project, 'scripts', 'build.mjs'));
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const options = { target: 'ES2023', module: 'NodeNext', strict: true, types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options }));
    writeFileSync(
      join(project, 'tsconfig.build.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { rootDir: 'src' }, include: ['src'] }),
    );
    source('cli/main.ts', "console.log('built');\n");
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const source = (path: string, text: string) => {
    mkdirSync(join(project, 'src', path, '..'), { recursive: true });
    writeFileSync(join(project, 'src', path), text);
  };
  const build = (...args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, ['scripts/build.mjs', ...args], { cwd: project }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
      ),
    );
  const dist = (path: string) => join(project, 'dist', path);

  it('with --keep-type-errors, prints type errors and keeps the JavaScript; without, fails', async () => {
    source('typed.ts', 'export const count: number = "three";\n');
    const kept = await build('--keep-type-errors');
    expect(kept.code).toBe(0);
    expect(kept.out).toContain("src/typed.ts(1,14): error TS2322: Type 'string' is not assignable");
    expect(kept.out).toContain('1 type error(s) above; JavaScript emitted anyway (--keep-type-errors)');
    expect(existsSync(dist('typed.js'))).toBe(true);

    const strict = await build();
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/build: tsc failed \(exit 2\): do not run .*dist/);
  });

  it('fails on a syntax error even with --keep-type-errors', async () => {
    source('broken.ts', 'export const count = ;\n');
    const result = await build('--keep-type-errors');
    expect(result.code).toBe(1);
    expect(result.out).toContain('src/broken.ts(1,22): error TS1109: Expression expected.');
    expect(result.out).toMatch(/build: tsc failed/);
  });

  it('leaves nothing of a deleted source when it builds again', async () => {
    source('gone.ts', 'export const gone = 1;\n');
    expect((await build()).code).toBe(0);
    expect(existsSync(dist('gone.js'))).toBe(true);
    rmSync(join(project, 'src', 'gone.ts'));
    expect((await build()).code).toBe(0);
    expect(existsSync(dist('gone.js'))).toBe(false);
    expect(existsSync(dist('cli/main.js'))).toBe(true);
  });

  it('is what the test children run: this run’s build, outside the checkout', () => {
    const server = builtScript('main.js');
    expect(existsSync(server)).toBe(true);
    expect(existsSync(builtScript('cli/main.js'))).toBe(true);
    expect(server.startsWith(ROOT)).toBe(false);
  });
});
