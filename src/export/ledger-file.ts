import type { LoadedConfig } from '../config/load-config.js';
import { expandSections } from '../config/sections.js';
import { localDateAt } from '../store/local-date.js';
import type { ProgressReports } from '../store/progress-reports.js';
import type { PlanStore } from '../store/store.js';
import { unitState } from '../store/work-count.js';
import { buildLedgerWorkbook, ledgerFileName, ledgerTitle } from './ledger-workbook.js';

/** The MIME type of an .xlsx, for HTTP answers. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the 台账 reads: the synced plan's views and the sections' progress notes. */
export type LedgerSource = PlanStore & Pick<ProgressReports, 'progressNotes'>;

export interface LedgerFile {
  /** "2023年督办台账（截至7月1日）.xlsx". */
  name: string;
  /** The sheet's title, "2023年工作要点督办台账（截至7月1日）". */
  title: string;
  bytes: Buffer;
  /** Units of work (occurrence × lead section) as 进度 counts them, for the message with the file. */
  counts: { total: number; done: number; overdue: number };
}

/**
 * The 督办台账 as `duban export --xlsx`, `GET /admin/export?format=xlsx` and 导出台账 build it:
 * the store's views (as of its clock, which must be the one `asOf` comes from), the plan, every
 * section's sheet, and the progress notes (进展情况).
 */
export async function ledgerFile(
  store: LedgerSource,
  config: LoadedConfig,
  asOf: Date,
  timeZone: string = config.reminders.timezone,
): Promise<LedgerFile> {
  const [views, progressNotes] = await Promise.all([store.allOccurrences(), store.progressNotes()]);
  const policy = { requireVerify: config.reminders.require_verify };
  const bytes = await buildLedgerWorkbook({
    plan: config.plan,
    sections: config.org.sections.map((s) => s.name),
    views,
    policy,
    progressNotes,
    timeZone,
    asOf,
    expandSections: (names) => expandSections(names, config.org),
  });
  const today = localDateAt(asOf, timeZone);
  const units = views.flatMap((v) => v.leads.map((section) => unitState(v, section, today, policy)));
  return {
    name: ledgerFileName(config.plan.year, asOf, timeZone),
    title: ledgerTitle(config.plan.year, asOf, timeZone),
    bytes,
    counts: {
      total: units.length,
      done: units.filter((u) => u === 'done').length,
      overdue: units.filter((u) => u === 'overdue').length,
    },
  };
}
