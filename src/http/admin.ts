import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { LoadedConfig } from '../config/load-config.js';
import { isLocalDate } from '../plan/dates.js';
import { previewReminders, previewRow } from '../reminders/preview.js';
import type { SweepReport } from '../reminders/sweep.js';
import { ledgerCsv, ledgerRows } from '../store/ledger-export.js';
import type { Store } from '../store/store.js';

export interface AdminRouteOptions {
  /** ADMIN_TOKEN; the routes exist only when it is set. */
  token: string;
  store: Store;
  config: () => LoadedConfig;
  /** "重载配置" over HTTP: reloads config/ and re-syncs; resolves to a one-line summary. */
  reload: () => Promise<string>;
  /** One reminder sweep at an instant, exactly as the schedule runs it (claims included). */
  sweepAt: (at: Date) => Promise<SweepReport>;
}

/**
 * For the office's admins and scripts, with `Authorization: Bearer $ADMIN_TOKEN`:
 * `GET /admin/export[?format=csv]` (the ledger, as `duban export`), `GET /admin/preview?from&to`
 * (the reminder calendar, as `duban preview --json`), `POST /admin/reload`, and
 * `POST /admin/sweep[?at=ISO-INSTANT]` (one sweep, as `duban sweep --at`: for a missed morning or
 * a backfill; claims keep it from sending anything twice).
 */
export function adminRouter(options: AdminRouteOptions): Router {
  const router = express.Router();
  router.use('/admin', requireToken(options.token));
  router.get('/admin/export', async (req, res) => {
    const rows = ledgerRows(await options.store.allOccurrences());
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
    const at = typeof req.query.at === 'string' ? new Date(req.query.at) : new Date();
    if (Number.isNaN(at.getTime())) {
      res.status(400).json({ error: 'give ?at= as an ISO instant, e.g. 2023-09-25T09:00:00+08:00' });
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
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'ADMIN_TOKEN required' });
      return;
    }
    next();
  };
}
