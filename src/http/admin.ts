import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ledgerLossAckAnswer } from '../bot/ledger-loss-text.js';
import type { LoadedConfig } from '../config/load-config.js';
import { ledgerFile, XLSX_CONTENT_TYPE } from '../export/ledger-file.js';
import { isLocalDate } from '../plan/dates.js';
import { previewReminders, previewRow } from '../reminders/preview.js';
import type { SweepReport } from '../reminders/sweep.js';
import { ledgerCsv, ledgerRows } from '../store/ledger-export.js';
import type { LedgerLossMarks } from '../store/ledger-loss.js';
import type { ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import { contentDisposition } from './content-disposition.js';

export interface AdminRouteOptions {
  /** ADMIN_TOKEN; the routes exist only when it is set. */
  token: string;
  store: PlanStore & Pick<ProgressReports, 'progressNotes'> & LedgerLossMarks;
  config: () => LoadedConfig;
  /** "重载配置" over HTTP: reloads config/ and re-syncs; resolves to a one-line summary. */
  reload: () => Promise<string>;
  /** One reminder sweep at an instant, exactly as the schedule runs it (claims included). */
  sweepAt: (at: Date) => Promise<SweepReport>;
  /** The server's clock: the 台账's "截至" date, the same instant the store's views are computed at. */
  clock: () => Date;
}

/**
 * For the office's admins and scripts, with `Authorization: Bearer $ADMIN_TOKEN`:
 * `GET /admin/export[?format=csv|xlsx]` (the ledger, as `duban export`; xlsx is the 督办台账), `GET /admin/preview?from&to`
 * (the reminder calendar, as `duban preview --json`), `POST /admin/reload`, and
 * `POST /admin/sweep[?at=ISO-INSTANT]` (one sweep, as `duban sweep --at`: for a missed morning or
 * a backfill; claims keep it from sending anything twice), and `POST /admin/ledger-lost/ack[?by=NAME]`
 * (after a restore: /readyz stops reporting the lost ledger; the audit stream names `by`).
 */
const EXPORT_FORMATS = ['json', 'csv', 'xlsx'];

export function adminRouter(options: AdminRouteOptions): Router {
  const router = express.Router();
  router.use('/admin', requireToken(options.token));
  router.get('/admin/export', async (req, res) => {
    const format = req.query.format ?? 'json';
    if (typeof format !== 'string' || !EXPORT_FORMATS.includes(format)) {
      res
        .status(400)
        .json({ error: `format must be one of ${EXPORT_FORMATS.join(', ')} (or left out for json)` });
      return;
    }
    if (format === 'xlsx') {
      const file = await ledgerFile(options.store, options.config(), options.clock());
      res.type(XLSX_CONTENT_TYPE).set('content-disposition', contentDisposition(file.name)).send(file.bytes);
      return;
    }
    const rows = ledgerRows(
      await options.store.allOccurrences(),
      { requireVerify: options.config().reminders.require_verify },
      await options.store.progressNotes(),
    );
    if (req.query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('duban-ledger.csv').send(ledgerCsv(rows));
      return;
    }
    res.json(rows);
  });
  router.get('/admin/preview', async (req, res) => {
    const { from, to } = req.query;
    if (
      typeof from !== 'string' ||
      typeof to !== 'string' ||
      !isLocalDate(from) ||
      !isLocalDate(to) ||
      from > to
    ) {
      res.status(400).json({ error: 'give ?from=YYYY-MM-DD&to=YYYY-MM-DD with from ≤ to' });
      return;
    }
    const planned = await previewReminders(from, to, { store: options.store, config: options.config() });
    res.json(planned.map(previewRow));
  });
  router.post('/admin/sweep', async (req, res) => {
    const raw = req.query.at;
    const at = raw === undefined ? new Date() : typeof raw === 'string' ? parseInstantParam(raw) : undefined;
    if (at === undefined) {
      res.status(400).json({
        error:
          'give ?at= once, as an ISO instant with its offset, e.g. 2023-09-25T09:00:00+08:00 (the + as is or as %2B)',
      });
      return;
    }
    const report = await options.sweepAt(at);
    res.json({
      at: report.at,
      today: report.today,
      skipped: report.skipped,
      sent: report.sent.map((s) => ({
        messageId: s.messageId,
        key: s.message.key,
        chatId: s.message.chatId,
      })),
      held: report.held,
      alreadySent: report.alreadySent,
      failed: report.failed,
    });
  });
  router.post('/admin/ledger-lost/ack', async (req, res) => {
    const by = req.query.by ?? 'admin API';
    if (typeof by !== 'string' || by.trim() === '' || by.length > 64) {
      res.status(400).json({ error: 'give ?by= once: who acknowledges, a name of at most 64 characters' });
      return;
    }
    const acknowledged = await options.store.acknowledgeLedgerLost(by.trim(), 'POST /admin/ledger-lost/ack');
    res.json({ ok: true, acknowledged, message: ledgerLossAckAnswer(acknowledged) });
  });
  router.post('/admin/reload', async (_req, res) => {
    try {
      res.json({ ok: true, summary: await options.reload() });
    } catch (error) {
      // Bad config is the admin's to fix: say what is wrong; the old config stays in force.
      res.status(422).json({ ok: false, error: (error as Error).message });
    }
  });
  return router;
}

function requireToken(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const given = Buffer.from(header ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // No header: say what to send. A header that does not match: say it is wrong, not missing.
      const error =
        header === undefined || header === ''
          ? 'ADMIN_TOKEN required: send Authorization: Bearer <ADMIN_TOKEN>'
          : 'invalid admin token';
      res.status(401).set('www-authenticate', 'Bearer').json({ error });
      return;
    }
    next();
  };
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * `?at=` as an instant: ISO 8601 with a date that exists, a time, and an offset (`Z` or `±hh:mm`) —
 * without one the server's own zone would decide, which in a container is UTC. In a query string
 * `+` means a space, so `…T09:00:00+08:00` written as is arrives as `…T09:00:00 08:00`: exactly
 * that shape (one space before a two-digit hour offset at the end) is read as the `+` it was.
 */
export function parseInstantParam(raw: string): Date | undefined {
  const text = /^\d{4}-\d{2}-\d{2}T[\d:.]+ \d{2}:?\d{2}$/.test(raw) ? raw.replace(' ', '+') : raw;
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, ms, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec ?? '0');
  const milli = Number((ms ?? '0').padEnd(3, '0'));
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milli));
  // Date.UTC rolls 2023-02-30 over to March and 24:00 to the next day: refuse what does not exist.
  if (
    local.getUTCFullYear() !== year ||
    local.getUTCMonth() !== month - 1 ||
    local.getUTCDate() !== day ||
    local.getUTCHours() !== hour ||
    local.getUTCMinutes() !== minute ||
    local.getUTCSeconds() !== second
  )
    return undefined;
  if (sign === undefined) return local;
  if (Number(oh) > 23 || Number(om) > 59) return undefined;
  const offsetMinutes = Number(oh) * 60 + Number(om);
  return new Date(local.getTime() - (sign === '+' ? 1 : -1) * offsetMinutes * 60_000);
}
