#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LarkApiError } from '../lark/errors.js';
import { LarkFailure } from '../lark/lark-failure.js';
import { StoreUnavailableError } from '../store/errors.js';
import { type CliCommand, type CliIo, EXIT_BAD_INPUT, EXIT_FAILURE, UsageError } from './command.js';
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
  return runCommand(command, args, io);
}

/**
 * Runs one command and maps what it throws to the documented exit codes: 2 and the reason for
 * bad input; 1 and one line for an operational failure (Redis or Lark unreachable, Lark refusing
 * the app's credentials); 1 and the stack for anything else (a bug).
 */
export async function runCommand(command: CliCommand, args: string[], io: CliIo): Promise<number> {
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isBadInput(error)) {
      io.err(`duban ${command.name}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    // An unreachable Redis or Lark is an operational state, not a bug: its message says where and
    // what to check, with no stack.
    const operational =
      error instanceof StoreUnavailableError || error instanceof LarkFailure || error instanceof LarkApiError;
    const detail = operational ? error.message : describe(error);
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

/**
 * Whether this file is the program node was asked to run — also when it was started through a
 * symlink (`duban` on PATH, node_modules/.bin) or from a path that a URL would percent-encode
 * (a directory named in Chinese).
 */
function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

/**
 * After the command has returned, the process ends by itself once nothing is pending; a request to
 * an unreachable Lark may still sit in a TCP connect for minutes, so the exit comes at the latest a
 * second later (stdout and stderr writes to files and pipes are synchronous on POSIX).
 */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 1_000).unref();
}

if (isMain()) {
  runCli(process.argv.slice(2), io).then(finish, (error: unknown) => {
    console.error(error);
    finish(EXIT_FAILURE);
  });
}
