import type { CliCommand } from '../command.js';
import { checkCommand } from './check.js';
import { importCommand } from './import.js';

/** The command table: `duban help` and the dispatcher are generated from it. */
export const commands: CliCommand[] = [importCommand, checkCommand];
