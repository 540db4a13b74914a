import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

declare module 'vitest' {
  interface ProvidedContext {
    /** This run's build of src/ (main.js, cli/main.js), made by tests/helpers/build-duban.ts. */
    dubanDist: string;
  }
}

/**
 * vitest globalSetup: builds src/ with the production build (scripts/build.mjs) once per run, into
 * a new temporary folder, so the tests' child processes start as `node dist/main.js` does in the
 * image — starting `node --import tsx src/main.ts` costs about twice the CPU, and a run starts
 * dozens — and a child can never run a build older than the run. A failed build fails the run.
 */
export default async function buildDuban(project: TestProject): Promise<() => void> {
  const built = await buildIntoTemp();
  project.provide('dubanDist', built.dist);
  // Watch mode reruns without setting up again: build again, so a changed source is never met by
  // the build of an earlier run.
  project.onTestsRerun(() => build(built.dist));
  return built.remove;
}

/** src/ built into dist/ of a new temporary folder, ready for `node <dist>/main.js`. */
export async function buildIntoTemp(): Promise<{ dist: string; remove(): void }> {
  const home = mkdtempSync(join(tmpdir(), 'duban-test-build-'));
  const remove = () => rmSync(home, { recursive: true, force: true });
  // The emitted ES modules need "type": "module" above them and the checkout's packages beside them.
  writeFileSync(join(home, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
  const dist = join(home, 'dist');
  try {
    await build(dist);
  } catch (error) {
    remove();
    throw error;
  }
  return { dist, remove };
}

function build(dist: string): Promise<void> {
  const args = ['scripts/build.mjs', '--keep-type-errors', '--out-dir', dist];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`the test run's build of src/ failed, so no test ran:\n${stdout}${stderr}`));
        return;
      }
      // Type errors alone do not stop the run (tsx never checked types); `npm test` fails on them.
      if (stdout.trim())
        console.warn(`src/ has type errors; the tests run the JavaScript emitted anyway:\n${stdout}`);
      resolve();
    });
  });
}
