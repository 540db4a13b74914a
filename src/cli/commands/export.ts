import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { planSyncOf } from '../../app/plan-sync.js';
import type { LoadedConfig } from '../../config/load-config.js';
import { ledgerFile } from '../../export/ledger-file.js';
import { ledgerCsv, ledgerRows } from '../../store/ledger-export.js';
import type { Store } from '../../store/store.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { openConfigStore } from '../config-store.js';

const USAGE = 'usage: duban export [--json|--csv|--xlsx] [--out FILE] [--at ISO-INSTANT] [--dir DIR]';
const FORMATS = ['json', 'csv', 'xlsx'] as const;

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--json|--csv|--xlsx] [--out FILE] [--at ISO] [--dir DIR]',
  summary:
    'the ledger: JSON or CSV rows per occurrence and lead section, or the 督办台账 .xlsx; status as of now or --at',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['dir', 'at', 'out'], switches: [...FORMATS] });
    const chosen = FORMATS.filter((f) => args.flags.has(f));
    if (args.positional.length > 0 || chosen.length > 1) throw new UsageError(USAGE);
    const format = chosen[0] ?? 'json';
    const atText = stringFlag(args, 'at');
    const at = atText === undefined ? undefined : new Date(atText);
    if (at !== undefined && Number.isNaN(at.getTime()))
      throw new UsageError(`--at ${atText}: expected an ISO instant such as 2023-10-01T09:00:00+08:00`);
    // One instant for the views and the 台账's "截至" date: --at, or the moment the command runs.
    const asOf = at ?? new Date();
    const { config, store, persistent, timeZone } = await openConfigStore(io, {
      dir: stringFlag(args, 'dir'),
      clock: () => asOf,
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
      const output = await render(format, store, config, asOf, timeZone);
      const out = stringFlag(args, 'out');
      if (out === undefined) io.out(output);
      else {
        await writeFile(resolve(io.cwd, out), output);
        io.err(`wrote ${resolve(io.cwd, out)}\n`);
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};

async function render(
  format: (typeof FORMATS)[number],
  store: Store,
  config: LoadedConfig,
  asOf: Date,
  timeZone: string,
): Promise<string | Buffer> {
  if (format === 'xlsx') return (await ledgerFile(store, config, asOf, timeZone)).bytes;
  const rows = ledgerRows(
    await store.allOccurrences(),
    { requireVerify: config.reminders.require_verify },
    await store.progressNotes(),
  );
  return format === 'csv' ? ledgerCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
}
