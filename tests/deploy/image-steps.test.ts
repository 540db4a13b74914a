import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_COLOURS } from '../../src/chart/progress-chart.js';
import { decodePng } from '../helpers/png-pixels.js';
import {
  type Instruction,
  parseCopy,
  parseDockerfile,
  parseEnv,
  parseExecForm,
  splitAssignment,
} from './dockerfile.js';

/**
 * The image, built without Docker (these machines have no Docker engine): every step of the
 * Dockerfile is read from the Dockerfile and performed in a temporary folder that stands for each
 * stage's file system — WORKDIR, COPY (from the build context, minus .dockerignore, or from an
 * earlier stage), ENV, RUN — then the image's CMD, HEALTHCHECK and the `duban` CLI on its PATH are
 * run from the result. These RUN commands are stood in for, and only these: the build stage's full
 * `npm ci` links this checkout's node_modules (installed from the same lockfile), `npm cache
 * clean` is skipped (it keeps the image small; here it would empty this machine's npm cache),
 * `apt-get update` is skipped and `apt-get install` checks that this machine has the same Debian
 * packages (the chart's font: the image's code then finds it where the image would). The
 * runtime stage's `npm ci --omit=dev` runs for real, preferring the local npm cache. Any other RUN
 * runs under sh with its absolute paths moved into the stage's folder; an instruction this file
 * does not know fails it, so the Dockerfile cannot drift from what is tested here.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_DIR = dirname(process.execPath);
/** Packages that must not be in the image: the TypeScript tool chain, the test tools, pretty logs. */
const DEV_ONLY = [
  'tsx',
  'esbuild',
  'pino-pretty',
  'typescript',
  'vitest',
  '@biomejs/biome',
  'playwright-core',
];
/** Loaded only when installed (src/app/logger.ts): absent from the image on purpose. */
const OPTIONAL_AT_RUN_TIME = new Set(['pino-pretty']);

interface StageFs {
  name: string;
  /** The folder standing for the stage's `/`. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  args: Record<string, string>;
}

interface Image {
  base: string;
  stage: StageFs;
  cmd: string[];
  healthcheck: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'duban-image-'));
let image: Image;
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

beforeAll(async () => {
  image = await performDockerfile(tmp);
}, 120_000);

// Removing two stages' worth of files (the runtime's node_modules alone is thousands) outlasts the
// default 10 s on a busy machine.
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('the image, built from the Dockerfile without Docker', () => {
  it('runs on a Node LTS of 22 or newer, with compiled JS and production dependencies only', () => {
    const major = Number(/^node:(\d+)/.exec(image.base)?.[1]);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(major % 2).toBe(0); // even majors are the LTS lines
    const app = image.stage.workdir;
    expect(existsSync(join(app, 'dist', 'main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist', 'emulator', 'page', 'index.html'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'config', 'org.yaml'))).toBe(true);
    for (const name of DEV_ONLY) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    for (const name of ['express', 'ioredis', '@larksuiteoapi/node-sdk', 'pino'])
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(true);
    // Every package the compiled code imports, however lazily, is installed (or optional on purpose).
    const missing = [...bareImports(join(app, 'dist'))].filter(
      (name) => !OPTIONAL_AT_RUN_TIME.has(name) && !existsSync(join(app, 'node_modules', name)),
    );
    expect(missing).toEqual([]);
    console.log(
      `image steps: dist ${mib(join(app, 'dist'))} MiB, production node_modules ${mib(join(app, 'node_modules'))} MiB`,
    );
  });

  it('has `duban` on PATH: `docker compose exec duban duban check` and the other commands work', async () => {
    const path = `${join(image.stage.root, 'usr', 'local', 'bin')}:${NODE_DIR}:/usr/bin:/bin`;
    const env = { ...image.stage.env, PATH: path };
    const check = await run('duban', ['check'], { cwd: image.stage.workdir, env });
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toMatch(/^config OK: \d+ chapters, \d+ items, \d+ sections\n$/);
    const direct = await run(process.execPath, ['dist/cli/main.js', 'check'], {
      cwd: image.stage.workdir,
      env: { PATH: path, CONFIG_DIR: join(image.stage.workdir, 'config') },
    });
    expect(direct).toMatchObject({ code: 0 });
    expect(direct.stdout).toContain('config OK');
    const preview = await run('duban', ['preview', '--from', '2023-09-25', '--to', '2023-09-29', '--json'], {
      cwd: image.stage.workdir,
      env,
    });
    expect(preview.code).toBe(0);
    expect((JSON.parse(preview.stdout) as unknown[]).length).toBeGreaterThan(0);
    const bad = await run('duban', ['check', '--dir', join(tmp, 'no-such-config')], {
      cwd: image.stage.workdir,
      env,
    });
    expect(bad.code).toBe(2);
  });

  it('draws the progress chart from the compiled code, its production dependencies and the font the image installs', async () => {
    const script = `import('./dist/chart/chart-renderer.js').then(async ({ ChartRenderer }) => {
      const bar = { label: '金融服务中心', done: 2, awaiting: 0, open: 1, overdue: 1 };
      const png = await new ChartRenderer().progressPng({ title: '督办进度', panels: [{ heading: '按牵头科室', bars: [bar] }] });
      process.stdout.write(png.toString('base64'));
    })`;
    const drawn = await run(process.execPath, ['-e', script], {
      cwd: image.stage.workdir,
      env: { PATH: NODE_DIR, ...image.stage.env },
    });
    expect(drawn.stderr).toBe('');
    expect(drawn.code).toBe(0);
    const pixels = decodePng(Buffer.from(drawn.stdout, 'base64'));
    expect(pixels.colours().get(CHART_COLOURS.overdue) ?? 0).toBeGreaterThan(1_000);
    expect(pixels.ink()).toBeGreaterThan(10_000);
  });

  it("starts with the image's CMD in local mode, answers /healthz and the page, and passes its HEALTHCHECK", async () => {
    const server = await startCmd(image, { PORT: '0', HOST: '127.0.0.1' });
    try {
      expect(server.logs[0]).toMatch(/^\{"level":/); // JSON lines: stdout is no terminal
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('本地模拟');
      const port = new URL(server.url).port;
      const probe = await run('/bin/sh', ['-c', image.healthcheck], {
        cwd: tmp,
        env: { PATH: NODE_DIR, PORT: port },
      });
      expect(probe.code).toBe(0);
      expect(await server.stop()).toBe(0); // SIGTERM: the graceful shutdown, as `docker stop` sends it
      const after = await run('/bin/sh', ['-c', image.healthcheck], {
        cwd: tmp,
        env: { PATH: NODE_DIR, PORT: port },
      });
      expect(after.code).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('logs JSON on a terminal too, where pino-pretty is not installed', async () => {
    const output = await underTerminal([process.execPath, ...image.cmd.slice(1)], image.stage.workdir, {
      ...image.stage.env,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    expect(output).toMatch(/\{"level":30,[^\n]*"msg":"duban is ready"/);
  });
});

describe('logs in development', () => {
  it('are readable on a terminal (pino-pretty, a dev dependency, is installed there)', async () => {
    const output = await underTerminal([process.execPath, '--import', 'tsx', 'src/main.ts'], ROOT, {
      CONFIG_DIR: join(ROOT, 'config'),
      PORT: '0',
      HOST: '127.0.0.1',
    });
    expect(output).toMatch(/INFO[^\n]*duban is ready/);
    expect(output).not.toContain('{"level":');
  });
});

// ---------------------------------------------------------------------------------------------

async function performDockerfile(into: string): Promise<Image> {
  const { globalArgs, stages } = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const ignored = dockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const done = new Map<string, StageFs>();
  let cmd: string[] | undefined;
  let healthcheck: string | undefined;
  for (const stage of stages) {
    const root = join(into, stage.name);
    mkdirSync(root, { recursive: true });
    const fs: StageFs = { name: stage.name, root, workdir: root, env: {}, args: {} };
    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case 'ARG': {
          const [name, value] = splitAssignment(instruction.args);
          const actual = value ?? globalArgs.get(name);
          if (actual !== undefined) fs.args[name] = actual;
          break;
        }
        case 'WORKDIR':
          fs.workdir = inStage(fs, instruction.args);
          mkdirSync(fs.workdir, { recursive: true });
          break;
        case 'ENV':
          for (const [name, value] of parseEnv(instruction.args))
            fs.env[name] = value.startsWith('/') ? join(fs.root, value) : value;
          break;
        case 'COPY':
          copy(fs, instruction, done, ignored);
          break;
        case 'RUN':
          await runStep(fs, instruction);
          break;
        case 'CMD':
          cmd = parseExecForm(instruction.args);
          break;
        case 'HEALTHCHECK': {
          const m = /\bCMD\s+(.+)$/.exec(instruction.args);
          if (!m) throw new Error(`Dockerfile line ${instruction.line}: HEALTHCHECK without CMD`);
          healthcheck = m[1]!;
          break;
        }
        case 'USER':
        case 'EXPOSE':
        case 'LABEL':
          break;
        default:
          throw new Error(
            `Dockerfile line ${instruction.line}: ${instruction.keyword} is not performed by this test — teach it`,
          );
      }
    }
    done.set(stage.name, fs);
  }
  const last = stages.at(-1)!;
  if (!cmd || !healthcheck) throw new Error('Dockerfile: the image needs a CMD and a HEALTHCHECK');
  return { base: last.from, stage: done.get(last.name)!, cmd, healthcheck };
}

/** A container path in the stage's folder; relative paths are relative to WORKDIR. */
function inStage(fs: StageFs, path: string): string {
  return path.startsWith('/') ? join(fs.root, path) : join(fs.workdir, path);
}

function copy(
  fs: StageFs,
  instruction: Instruction,
  done: Map<string, StageFs>,
  ignored: (p: string) => boolean,
) {
  const { from, sources, dest } = parseCopy(instruction.args);
  const source = from === undefined ? undefined : done.get(from);
  if (from !== undefined && !source) throw new Error(`Dockerfile line ${instruction.line}: no stage ${from}`);
  const target = inStage(fs, dest);
  const intoDir = dest.endsWith('/') || sources.length > 1;
  for (const src of sources) {
    const path = source ? inStage(source, src) : join(ROOT, src);
    if (!source && ignored(src)) throw new Error(`COPY ${src}: excluded by .dockerignore`);
    if (!existsSync(path)) throw new Error(`Dockerfile line ${instruction.line}: COPY ${src}: no such file`);
    const to = intoDir && !statSync(path).isDirectory() ? join(target, basename(src)) : target;
    mkdirSync(dirname(to), { recursive: true });
    cpSync(path, to, {
      recursive: true,
      filter: (file) => source !== undefined || !ignored(relative(ROOT, file)),
    });
  }
}

async function runStep(fs: StageFs, instruction: Instruction): Promise<void> {
  for (const command of instruction.args.split(/\s*&&\s*/)) {
    if (/^npm ci\b/.test(command) && !/--omit=dev\b/.test(command)) {
      symlinkSync(join(ROOT, 'node_modules'), join(fs.workdir, 'node_modules'));
      continue;
    }
    if (/^npm cache clean\b/.test(command) || /^apt-get update\b/.test(command)) continue;
    const apt = /^apt-get install\b(.*)$/.exec(command);
    if (apt) {
      const packages = apt[1]!.split(/\s+/).filter((word) => word !== '' && !word.startsWith('-'));
      for (const name of packages) {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format field
        const status = await run('dpkg-query', ['-W', '-f=${Status}', name], {
          cwd: tmp,
          env: { PATH: '/usr/bin:/bin' },
        });
        if (!status.stdout.includes('install ok installed'))
          throw new Error(
            `Dockerfile line ${instruction.line}: the image installs the Debian package ${name}; install it on this machine too (apt-get install ${name}; .ci/run does)`,
          );
      }
      continue;
    }
    const mapped = command.replace(/(^|\s)(\/\S*)/g, (_, space: string, path: string) => {
      mkdirSync(dirname(join(fs.root, path)), { recursive: true });
      return space + join(fs.root, path);
    });
    const result = await run('/bin/sh', ['-c', mapped], {
      cwd: fs.workdir,
      env: {
        PATH: `${NODE_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? tmp,
        ...fs.args,
        ...fs.env,
        npm_config_prefer_offline: 'true',
        npm_config_update_notifier: 'false',
      },
      timeoutMs: 100_000,
    });
    if (result.code !== 0)
      throw new Error(
        `Dockerfile line ${instruction.line}: RUN ${command} failed (${result.code}):\n${result.stderr}`,
      );
  }
}

/** .dockerignore patterns: `name`, `dir`, `*.ext` (at the context's top, as Docker reads them). */
function dockerignore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (patterns.some((p) => p.startsWith('!')))
    throw new Error('.dockerignore: exceptions (!) are not read here');
  const res = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/\/+$/, '')
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*/g, '<globstar>')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/<globstar>/g, '.*')}(/|$)`,
      ),
  );
  return (path) => res.some((re) => re.test(path));
}

/** Package names the compiled code imports, requires or loads by name. */
function bareImports(dir: string): Set<string> {
  const names = new Set<string>();
  const builtins = new Set(builtinModules);
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const text = readFileSync(path, 'utf8');
        // Static imports and re-exports (one statement each, at the start of a line), side-effect
        // imports, and loads by a literal name: import('x'), require('x'), createRequire(…)('x').
        const re =
          /^(?:import|export)\s+[\w$*\s{},]*?\bfrom\s*'([^']+)'|^import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|(?:\brequire|createRequire\(import\.meta\.url\))\(\s*'([^']+)'\s*\)/gm;
        for (const m of text.matchAll(re)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? m[4]!;
          if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
          const parts = spec.split('/');
          names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
        }
      }
    }
  };
  walk(dir);
  return names;
}

function mib(dir: string): string {
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) bytes += statSync(path).size;
    }
  };
  walk(dir);
  return (bytes / 2 ** 20).toFixed(1);
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The image's CMD as its own process; resolves once it logs "duban is ready". */
async function startCmd(
  built: Image,
  overrides: Record<string, string>,
): Promise<{ url: string; logs: string[]; stop(): Promise<number | null> }> {
  const [program, ...args] = built.cmd;
  const child = spawn(program === 'node' ? process.execPath : program!, args, {
    cwd: built.stage.workdir,
    env: { PATH: NODE_DIR, ...built.stage.env, ...overrides },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 20 s:\n${logs.join('\n')}`)), 20_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        logs.push(line);
        const ready = /"url":"(http:[^"]+)".*"msg":"duban is ready"/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${logs.join('\n')}`));
    });
  });
  return {
    url,
    logs,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Runs a server under a pseudo-terminal (`script`), so its stdout is a TTY as under `docker run
 * -t` or `npm start` in a shell; returns what it printed up to "duban is ready", then stops it.
 */
async function underTerminal(argv: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qefc', quoted, '/dev/null'], {
    cwd,
    env: { PATH: `${NODE_DIR}:/usr/bin:/bin`, SHELL: '/bin/sh', TERM: 'xterm', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 20 s:\n${output}`)), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
        output += chunk.toString('utf8').replace(/\u001b\[[0-9;]*m/g, '');
        if (output.includes('duban is ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited before it was ready:\n${output}`));
      });
    });
    return output;
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await exited;
    children.delete(child);
  }
}
