// `npm run build [-- --out-dir DIR]`: the production build the image runs. Compiles src/ with
// tsconfig.build.json into a fresh DIR (default dist/, emptied first so no file of a deleted source
// lingers), copies the non-TypeScript files the server reads at run time (the emulator page), and
// makes the CLI executable (`duban` on PATH is a symlink to DIR/cli/main.js, which has a shebang).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASSET = /\.(html|css|svg|png)$/;

const args = process.argv.slice(2);
const at = args.indexOf('--out-dir');
if (args.length > 0 && (at !== 0 || args.length !== 2)) {
  console.error('usage: node scripts/build.mjs [--out-dir DIR]');
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
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
  cwd: ROOT,
  stdio: 'inherit',
});

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
