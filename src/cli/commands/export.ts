import { planSyncOf } from '../../app/plan-sync.js';
import { ledgerCsv, ledgerRows } from '../../store/ledger-export.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { openConfigStore } from '../config-store.js';

const USAGE = 'usage: duban export [--json|--csv] [--at ISO-INSTANT] [--dir DIR]';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--json|--csv] [--at ISO] [--dir DIR]',
  summary:
    'the ledger, one row per occurrence and lead section (JSON, or CSV for Excel); status as of now or --at',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['dir', 'at'], switches: ['json', 'csv'] });
    if (args.positional.length > 0 || (args.flags.has('json') && args.flags.has('csv')))
      throw new UsageError(USAGE);
    const atText = stringFlag(args, 'at');
    const at = atText === undefined ? undefined : new Date(atText);
    if (at !== undefined && Number.isNaN(at.getTime()))
      throw new UsageError(`--at ${atText}: expected an ISO instant such as 2023-10-01T09:00:00+08:00`);
    const { config, store, persistent } = await openConfigStore(io, {
      dir: stringFlag(args, 'dir'),
      clock: at && (() => at),
    });
    try {
      if (!persistent) {
        io.err(
          'warning: REDIS_URL is unset — the in-memory store has no ledger, so every occurrence below ' +
            'has no confirmations; set REDIS_URL to export the real ledger\n',
        );
        await store.syncPlan(planSyncOf(config, 'duban export'));
      } else if ((await store.planInfo()) === null) {
        io.err(`warning: nothing synced for ${config.plan.year} yet — run duban sync first\n`);
      }
      const rows = ledgerRows(await store.allOccurrences(), {
        requireVerify: config.reminders.require_verify,
      });
      io.out(args.flags.has('csv') ? ledgerCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
