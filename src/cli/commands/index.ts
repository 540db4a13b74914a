import type { CliCommand } from '../command.js';

/** The command table: `duban help` and the dispatcher are generated from it. */
export const commands: CliCommand[] = [];
