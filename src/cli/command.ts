/** One `duban <name>` subcommand. `run` returns the exit code; output goes through `io`. */
export interface CliIo {
  /** Standard output; bytes for binary output such as `export --xlsx`. */
  out(text: string | Uint8Array): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad input: printed on stderr, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
