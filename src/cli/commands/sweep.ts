import type { ChartImage } from '../../chart/chart-image.js';
import { withoutRequestRecords } from '../../progress/dry-run-store.js';
import { storeReminderClaims } from '../../reminders/claims.js';
import { localTimeAt } from '../../reminders/local-time.js';
import type { OutgoingReminder, SendReminder } from '../../reminders/outgoing.js';
import { DEFAULT_MISSED_LOOKBACK_WORKDAYS } from '../../reminders/scheduler.js';
import { type SweepReport, sweep } from '../../reminders/sweep.js';
import { MemoryClaims } from '../../store/memory/memory-claims.js';
import type { Store } from '../../store/store.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.js';
import { instantFlag, openReminderLedger } from '../reminder-ledger.js';

const USAGE = 'usage: duban sweep (--at ISO-INSTANT | --catch-up [--at ISO-INSTANT]) [--json] [--dir DIR]';

/** How the command reaches Lark (the outbox); undefined → dry run. */
export type OpenReminderSender = (
  io: CliIo,
  store: Store,
) => Promise<{ send: SendReminder; chart?: ChartImage; close(): Promise<void> } | undefined>;

/**
 * `duban sweep --at`: one sweep at that instant with the configured store — for operations,
 * backfills and tests. `--catch-up` (now, or at `--at`) is the sweep a restart runs: besides the
 * last two work days it folds what older work days missed into one card for the main chat — what
 * a first start leaves out, sent when an admin asks for it. Without a sender (no Lark app in the
 * environment) it is a dry run: the messages are printed, nothing is claimed, sent or remembered.
 */
export function createSweepCommand(openSender: OpenReminderSender = async () => undefined): CliCommand {
  return {
    name: 'sweep',
    usage: 'sweep --at ISO-INSTANT | --catch-up [--json]',
    summary:
      'run one reminder sweep at that instant, or catch up now on what was missed (a dry run that prints the messages without LARK_APP_ID)',
    async run(argv, io) {
      const args = parseArgs(argv, { valued: ['at', 'dir'], switches: ['json', 'catch-up'] });
      if (args.positional.length > 0) throw new UsageError(USAGE);
      const catchUp = args.flags.has('catch-up');
      const atText = stringFlag(args, 'at');
      const at = catchUp && atText === undefined ? new Date() : instantFlag('at', atText);
      const { config, store } = await openReminderLedger(io, 'sweep', {
        dir: stringFlag(args, 'dir'),
        clock: () => at,
      });
      const sender = await openSender(io, store);
      try {
        if (!sender)
          io.err(
            'DRY RUN: LARK_APP_ID is unset — ' +
              'printing the messages this sweep would send; nothing is claimed, sent or remembered, ' +
              'so what other replicas already sent is shown too\n',
          );
        let seq = 0;
        // A real send shares the store's claims with the running replicas; a dry run must not
        // (its claims, marks and reply mappings stay in a throw-away MemoryClaims).
        const claims = storeReminderClaims(sender ? store : new MemoryClaims(() => at));
        const report = await sweep(
          at,
          {
            store: sender ? store : withoutRequestRecords(store),
            claims,
            send: sender?.send ?? (async () => ({ messageId: `dry-run-${++seq}` })),
            config,
            // A dry run uploads nothing: its digest has no chart.
            ...(sender?.chart ? { chart: sender.chart } : {}),
          },
          // A rerun after a crash finds the dead sweep's claims held: wait out its liveness (a few
          // seconds) and send them, instead of leaving them for the lease (10 minutes).
          {
            awaitHeldMs: claims.ownerTtlMs + 1_000,
            ...(catchUp ? { missedLookbackWorkdays: DEFAULT_MISSED_LOOKBACK_WORKDAYS } : {}),
          },
        );
        io.out(
          args.flags.has('json')
            ? `${JSON.stringify(reportJson(report, !sender), null, 2)}\n`
            : reportText(report, config.reminders.timezone, !sender),
        );
        return report.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
      } finally {
        await sender?.close();
        await store.close();
      }
    },
  };
}

function reportJson(report: SweepReport, dryRun: boolean) {
  return {
    dryRun,
    at: report.at,
    today: report.today,
    skipped: report.skipped,
    days: report.days,
    owed: report.owed,
    held: report.held,
    takenOver: report.takenOver,
    alreadySent: report.alreadySent,
    failed: report.failed,
    messages: report.sent.map(({ messageId, message }) => ({ messageId, ...message })),
  };
}

function reportText(report: SweepReport, timeZone: string, dryRun: boolean): string {
  const at = `${report.today} ${localTimeAt(new Date(report.at), timeZone)} ${timeZone}`;
  if (report.skipped === 'quiet-hours')
    return `sweep at ${at}: quiet hours — nothing sent (held until the next sweep)\n`;
  if (report.skipped === 'rest-day')
    return `sweep at ${at}: a rest day — nothing sent (held until the next work day)\n`;
  const lines = [
    `sweep at ${at}: stage days ${report.days.join(', ') || 'none yet (before send_at)'}`,
    `  ${report.owed} owed, ${sentCount(report.sent.length, dryRun)}, ${report.held} held by another replica${report.takenOver > 0 ? ` (${report.takenOver} taken over from a replica that died)` : ''}, ${report.alreadySent} already sent, ${report.failed.length} failed`,
  ];
  for (const { message } of report.sent) lines.push(messageLine(message));
  for (const failure of report.failed) lines.push(`  FAILED ${failure.key}: ${failure.error}`);
  return `${lines.join('\n')}\n`;
}

/** A dry run sent nothing: it says what a real sweep would send. */
function sentCount(n: number, dryRun: boolean): string {
  const messages = n === 1 ? '1 message' : `${n} messages`;
  return dryRun ? `${messages} would be sent (dry run: nothing sent)` : `${messages} sent`;
}

function messageLine(m: OutgoingReminder): string {
  const items = m.occurrenceIds.map((id, i) => (m.stages[i] ? `${id} ${m.stages[i]}` : id)).join('; ');
  return `  → ${m.chatId} ${m.kind}${m.section ? ` ${m.section}` : ''} @${m.mentions.length}: ${items}`;
}
