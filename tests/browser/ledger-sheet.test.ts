import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSyncOf } from '../../src/app/plan-sync.js';
import { loadConfig } from '../../src/config/load-config.js';
import { expandSections } from '../../src/config/sections.js';
import { buildLedgerWorkbook, LEDGER_SHEET_NAME } from '../../src/export/ledger-workbook.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { browserForTests, launchChromium, type TestBrowser } from '../helpers/browser.js';
import { sheetHtml } from '../helpers/sheet-html.js';

const chromiumHere = browserForTests('the 台账 picture in Chromium');

/** LEDGER_SCREENSHOT=1 refreshes the README's picture; otherwise it goes to a temp file. */
const SCREENSHOT =
  process.env.LEDGER_SCREENSHOT === '1' ? 'docs/ledger-sheet.png' : join(tmpdir(), 'duban-ledger-sheet.png');
/** 2023-07-03 09:00 in Shanghai: the first half is due, some of it done, some late. */
const AS_OF = new Date('2023-07-03T01:00:00Z');
const TZ = 'Asia/Shanghai';

describe.runIf(chromiumHere)('the 督办台账 as a picture', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ width: 1320, height: 900 });
  }, 30_000);
  afterAll(() => browser?.close());

  it('draws the first sheet of the exported file, title and overdue rows included', async () => {
    const config = await loadConfig(CONFIG_DIR);
    const store = new MemoryStore({ year: 2023, timeZone: TZ, clock: () => AS_OF });
    await store.syncPlan(planSyncOf(config, 'picture'));
    await store.confirm('1.2/deadline/2023', '办公室', '张敏', '', 'command');
    await store.confirm('1.3/m1/2023-H1', '办公室', '张敏', '', 'command');
    const bytes = await buildLedgerWorkbook({
      plan: config.plan,
      sections: config.org.sections.map((s) => s.name),
      views: await store.allOccurrences(),
      policy: { requireVerify: config.reminders.require_verify },
      progressNotes: [
        {
          itemId: '1.3',
          section: '办公室',
          by: '张敏',
          byOpenId: 'ou_x',
          text: '上半年专题研究已开展，下半年计划11月召开',
          at: '2023-06-25T02:00:00Z',
        },
      ],
      timeZone: TZ,
      expandSections: (names) => expandSections(names, config.org),
      asOf: AS_OF,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

    const page = await browser.context.newPage();
    await page.setContent(sheetHtml(workbook.getWorksheet(LEDGER_SHEET_NAME)!, 7));
    const table = page.locator('table');
    expect(await table.locator('td').first().textContent()).toBe('2023年工作要点督办台账（截至7月3日）');
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await table.screenshot({ path: SCREENSHOT });
    const size = (await stat(SCREENSHOT)).size;
    expect(size).toBeGreaterThan(20_000);
    expect(size).toBeLessThan(400 * 1024);
    await page.close();
  }, 30_000);
});
