import { ledgerLossAckAnswer } from '../../bot/ledger-loss-text.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { openConfigStore } from '../config-store.js';

const USAGE = 'usage: duban ack-ledger-lost --by NAME [--dir DIR]';

/**
 * After Redis lost the ledger and it was restored (or the loss accepted): clears the mark, so
 * /readyz on every replica is green again, and the audit stream records who acknowledged it.
 */
export const ackLedgerLostCommand: CliCommand = {
  name: 'ack-ledger-lost',
  usage: 'ack-ledger-lost --by NAME',
  summary:
    'acknowledge a lost ledger (after restoring it): /readyz stops reporting it; the audit stream names NAME',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['by', 'dir'] });
    if (args.positional.length > 0) throw new UsageError(USAGE);
    const by = stringFlag(args, 'by')?.trim();
    if (!by) throw new UsageError(`--by is required: who acknowledges, e.g. --by 周婷\n${USAGE}`);
    const { store, persistent } = await openConfigStore(io, { dir: stringFlag(args, 'dir') });
    try {
      if (!persistent)
        throw new UsageError(
          'REDIS_URL is unset: the ledger-lost mark lives in Redis — run this with the REDIS_URL (and REDIS_PREFIX) the server uses',
        );
      const acknowledged = await store.acknowledgeLedgerLost(by, 'duban ack-ledger-lost');
      io.out(`${ledgerLossAckAnswer(acknowledged)}\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
