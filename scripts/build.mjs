// `npm run build [-- --out-dir DIR]`: the production build the image runs. Compiles src/ with
// tsconfig.build.json into a fresh DIR (default dist/, emptied first so no file of a deleted source
// lingers), copies the non-TypeScript files the server reads at run time (the emulator page), and
// makes the CLI executable (`duban` on PATH is a symlink to DIR/cli/main.js, which has a shebang).
//
// `--keep-type-errors` is for the test run's build (tests/helpers/build-duban.ts): type errors are
// printed but the emitted JavaScript is kept, as `tsx` runs code without checking types — another
// engineer's half-typed file must not stop every test run; `npm test` type-checks first anyway.
// Syntax errors (TS1xxx) and configuration errors (TS5xxx) still fail the build.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASSET = /\.(html|css|svg|png)$/;

const args = process.argv.slice(2);
const keepTypeErrors = args[0] === '--keep-type-errors';
if (keepTypeErrors) args.shift();
const at = args.indexOf('--out-dir');
if (args.length > 0 && (at !== 0 || args.length !== 2)) {
  console.error('usage: node scripts/build.mjs [--keep-type-errors] [--out-dir DIR]');
  process.exit(2);
}
const outDir = resolve(at === 0 ? args[1] : join(ROOT, 'dist'));

// Emptied first, so only a build output: never the project itself or a folder that holds other files.
const holdsOtherFiles =
  existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, 'cli', 'main.js'));
if (ROOT.startsWith(outDir) || holdsOtherFiles) {
  console.error(`build: refusing to empty ${outDir}: not a build output`);
  process.exit(2);
}
rmSync(outDir, { recursive: true, force: true });
const tsPackage = createRequire(join(ROOT, 'package.json')).resolve('typescript/package.json');
const tsc = join(dirname(tsPackage), 'bin', 'tsc');
const tscArgs = [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir];
const compiled = spawnSync(process.execPath, tscArgs, { cwd: ROOT, encoding: 'utf8' });
process.stdout.write(compiled.stdout ?? '');
process.stderr.write(compiled.stderr ?? '');
if (compiled.status !== 0) {
  // tsc exits 2 when it reported errors but still wrote every file.
  const codes = [...`${compiled.stdout}`.matchAll(/error TS(\d+)/g)].map((m) => Number(m[1]));
  const typeOnly = (code) => code >= 2000 && (code < 5000 || code >= 6000);
  if (!keepTypeErrors || compiled.status !== 2 || codes.length === 0 || !codes.every(typeOnly)) {
    const how = compiled.error?.message ?? compiled.signal ?? `exit ${compiled.status}`;
    console.error(`build: tsc failed (${how}): do not run ${outDir}`);
    process.exit(1);
  }
  console.error(`build: ${codes.length} type error(s) above; JavaScript emitted anyway (--keep-type-errors)`);
}

const src = join(ROOT, 'src');
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (ASSET.test(name)) cpSync(path, join(outDir, relative(src, path)));
  }
}
copyAssets(src);

const cli = join(outDir, 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error(`build: ${cli} is missing`);
  process.exit(1);
}
chmodSync(cli, 0o755);
