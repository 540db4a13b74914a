import { openLarkSender } from '../../app/cli-lark-sender.js';
import type { CliCommand } from '../command.js';
import { ackLedgerLostCommand } from './ack-ledger-lost.js';
import { checkCommand } from './check.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { previewCommand } from './preview.js';
import { resolveIdsCommand } from './resolve-ids.js';
import { createSweepCommand } from './sweep.js';
import { syncCommand } from './sync.js';

/** The command table: `duban help` and the dispatcher are generated from it. */
export const commands: CliCommand[] = [
  importCommand,
  checkCommand,
  syncCommand,
  exportCommand,
  previewCommand,
  createSweepCommand(openLarkSender),
  resolveIdsCommand,
  ackLedgerLostCommand,
];
