// Copies the non-TypeScript files the server reads at run time (the emulator page) into dist/.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ASSET = /\.(html|css|svg|png)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) cpSync(path, join('dist', relative('src', path)));
  }
}

if (existsSync('src')) walk('src');
