import { planSyncOf } from '../../app/plan-sync.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { openConfigStore } from '../config-store.js';

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync [--dir DIR]',
  summary: "write config's plan and its occurrences to the store; says what changed, or no change",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['dir'] });
    if (args.positional.length > 0) throw new UsageError('usage: duban sync [--dir DIR]');
    const { config, store, persistent } = await openConfigStore(io, { dir: stringFlag(args, 'dir') });
    try {
      if (!persistent)
        io.err(
          'warning: REDIS_URL is unset — syncing into memory only, which is gone when this command exits\n',
        );
      const input = planSyncOf(config, 'duban sync');
      const result = await store.syncPlan(input);
      const plan = `plan ${config.plan.year} (version ${config.version.slice(0, 12)})`;
      const size = `${input.plan.chapters.reduce((n, c) => n + c.items.length, 0)} items, ${input.occurrences.length} occurrences`;
      if (!result.changed) {
        io.out(`no change: ${plan} is already in the store — ${size}\n`);
        return EXIT_OK;
      }
      const o = result.occurrences;
      io.out(`synced ${plan}: ${size}\n`);
      io.out(
        `  items: ${result.added.length} added, ${result.updated.length} updated, ${result.archived.length} archived\n`,
      );
      io.out(`  occurrences: ${o.added} added, ${o.updated} updated, ${o.archived} archived\n`);
      for (const [label, ids] of [
        ['added', result.added],
        ['updated', result.updated],
        ['archived', result.archived],
      ] as const)
        if (ids.length > 0) io.out(`  ${label}: ${ids.join(' ')}\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
