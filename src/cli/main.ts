import { StoreUnavailableError } from '../store/errors.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_FAILURE, UsageError } from './command.js';
import { commands } from './commands/index.js';

/** `duban <command> [args]`: dispatches to the command table; exit 2 on bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (name !== undefined && name !== 'help' && name !== '--help')
      io.err(`duban: unknown command "${name}"\n`);
    io.err(helpText());
    return name === undefined || name === 'help' || name === '--help' ? 0 : EXIT_BAD_INPUT;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isBadInput(error)) {
      io.err(`duban ${command.name}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    // An unreachable Redis is an operational state, not a bug: its message says where, no stack.
    const detail = error instanceof StoreUnavailableError ? error.message : describe(error);
    io.err(`duban ${command.name}: ${detail}\n`);
    return EXIT_FAILURE;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`);
  return `usage: duban <command>\n\n${lines.join('\n')}\n`;
}

/** Errors that carry `badInput: true` (ImportError, ConfigError) are the user's to fix: exit 2. */
function isBadInput(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { badInput?: unknown }).badInput === true;
}

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
};

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
