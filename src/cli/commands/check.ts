import { resolve } from 'node:path';
import { configDirFrom } from '../../config/env.js';
import { loadConfig } from '../../config/load-config.js';
import { ConfigError, type ConfigProblem, formatProblem } from '../../config/problem.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, type CliIo, EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command.js';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check [--dir DIR]',
  summary: 'validate config/ (org.yaml, reminders.yaml, plan-YYYY.yaml), listing every problem',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['dir'] });
    if (args.positional.length > 0) throw new UsageError('usage: duban check [--dir DIR]');
    const dir = resolve(io.cwd, stringFlag(args, 'dir') ?? configDirFrom(io.env));
    try {
      const config = await loadConfig(dir);
      printWarnings(config.warnings, io);
      const items = config.plan.chapters.reduce((n, c) => n + c.items.length, 0);
      io.out(
        `config OK: ${config.plan.chapters.length} chapters, ${items} items, ${config.sections.length} sections\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      printWarnings(error.warnings, io);
      for (const problem of error.problems) io.err(`${formatProblem(problem)}\n`);
      const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
      io.err(`config in ${dir}: ${count}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};

function printWarnings(warnings: readonly ConfigProblem[], io: CliIo): void {
  for (const warning of warnings) io.err(`warning: ${formatProblem(warning)}\n`);
}
