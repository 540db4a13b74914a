import type { CliIo } from '../../src/cli/command.js';

/** A CliIo that records what a command prints, for running `runCli` in-process. */
export interface CapturedIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

export function captureIo(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdout: () => out,
    stderr: () => err,
  };
}
