import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { LoadedConfig } from '../config/load-config.js';
import { isLocalDate } from '../plan/dates.js';
import { previewReminders, previewRow } from '../reminders/preview.js';
import { ledgerCsv, ledgerRows } from '../store/ledger-export.js';
import type { Store } from '../store/store.js';

export interface AdminRouteOptions {
  /** ADMIN_TOKEN; the routes exist only when it is set. */
  token: string;
  store: Store;
  config: () => LoadedConfig;
  /** "重载配置" over HTTP: reloads config/ and re-syncs; resolves to a one-line summary. */
  reload: () => Promise<string>;
}

/**
 * For the office's admins and scripts, with `Authorization: Bearer $ADMIN_TOKEN`:
 * `GET /admin/export[?format=csv]` (the ledger, as `duban export`), `GET /admin/preview?from&to`
 * (the reminder calendar, as `duban preview --json`), `POST /admin/reload`.
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
