import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { CONFIG_DIR } from './bot-harness.js';
import { larkVars, startStandIn } from './server-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The little of the test runner's environment a child process gets: PATH, plus libfaketime's
 * variables and TZ when set, so a suite run under `faketime` runs its children on the same clock.
 */
export function childEnv(vars: Record<string, string>): Record<string, string> {
  const passed: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const name of ['LD_PRELOAD', 'FAKETIME', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) passed[name] = value;
  }
  return { ...passed, ...vars };
}

/**
 * The script a child process runs: this run's build of src/main.ts or src/cli/main.ts, made at the
 * start of the run by vitest.config.ts's globalSetup (tests/helpers/build-duban.ts).
 */
export function builtScript(entry: 'main.js' | 'cli/main.js'): string {
  const dist = inject('dubanDist');
  if (!dist)
    throw new Error(
      'no build of src/ for this run: run the tests through vitest.config.ts (its globalSetup builds it)',
    );
  return join(dist, entry);
}

/** duban as its own process (`node dist/main.js`, the image's CMD), as a replica runs in production. */
export interface DubanProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process logged, one JSON line each. */
  logs: string[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnDuban(vars: Record<string, string>, timeoutMs = 20_000): Promise<DubanProcess> {
  const child = spawn(process.execPath, [builtScript('main.js')], {
    cwd: ROOT,
    env: childEnv({ PORT: '0', CONFIG_DIR, LOG_LEVEL: 'info', ...vars }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  // However the test ends (timeout, failed assertion, the runner exiting), the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`duban did not start within ${timeoutMs} ms:\n${logs.join('\n')}`));
    }, timeoutMs);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        logs.push(line);
        const ready = /"url":"(http:[^"]+)".*"msg":"duban is ready"/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
        newline = buffered.indexOf('\n');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`duban exited with ${code} before it was ready:\n${logs.join('\n')}`));
    });
  });
  return {
    url,
    child,
    logs,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `duban <args>` as its own process (a second replica, an operator's shell): exit, signal, output. */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtScript('cli/main.js'), ...args], {
      cwd: ROOT,
      env: childEnv(env),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** A Lark stand-in on its own port with these chats, and duban as its own process talking to it, schedule off. */
export async function dubanWithLark(
  chats: string[],
  vars: Record<string, string> = {},
): Promise<{ lark: Awaited<ReturnType<typeof startStandIn>>; duban: DubanProcess; close(): Promise<void> }> {
  const lark = await startStandIn(chats);
  const duban = await spawnDuban({ ...larkVars(lark.url), REMINDERS: 'off', ...vars });
  return {
    lark,
    duban,
    async close() {
      await duban.stop('SIGKILL');
      await lark.close();
    },
  };
}
