import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';

/** A CliIo that records what a command prints, for running `runCli` in-process. */
export interface CapturedIo extends CliIo {
  stdout(): string;
  /** Everything written to stdout, text and bytes, as bytes. */
  stdoutBytes(): Buffer;
  stderr(): string;
}

export function captureIo(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CapturedIo {
  const out: Buffer[] = [];
  let err = '';
  return {
    out: (text) => {
      out.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text));
    },
    err: (text) => {
      err += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdout: () => Buffer.concat(out).toString('utf8'),
    stdoutBytes: () => Buffer.concat(out),
    stderr: () => err,
  };
}

/** `duban <args>` in-process with the given environment: its exit code and what it printed. */
export async function runDuban(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env });
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
