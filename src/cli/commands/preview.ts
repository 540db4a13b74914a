import { previewReminders, previewRow } from '../../reminders/preview.js';
import { previewText } from '../../reminders/preview-text.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { dateFlag, openReminderLedger } from '../reminder-ledger.js';

const USAGE = 'usage: duban preview --from DATE --to DATE [--json] [--dir DIR]';

export const previewCommand: CliCommand = {
  name: 'preview',
  usage: 'preview --from DATE --to DATE [--json]',
  summary: 'the reminder calendar: what goes out when, to which chat and whom (confirmed work drops out)',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['from', 'to', 'dir'], switches: ['json'] });
    if (args.positional.length > 0) throw new UsageError(USAGE);
    const from = dateFlag('from', stringFlag(args, 'from'));
    const to = dateFlag('to', stringFlag(args, 'to'));
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const { config, store } = await openReminderLedger(io, 'preview', { dir: stringFlag(args, 'dir') });
    try {
      const planned = await previewReminders(from, to, { store, config });
      io.out(
        args.flags.has('json')
          ? `${JSON.stringify(planned.map(previewRow), null, 2)}\n`
          : previewText(planned, config, from, to),
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
