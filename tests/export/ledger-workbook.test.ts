import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planSyncOf } from '../../src/app/plan-sync.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { expandSections } from '../../src/config/sections.js';
import { OVERDUE_FILL_ARGB } from '../../src/export/ledger-sheet.js';
import { buildLedgerWorkbook, LEDGER_SHEET_NAME, ledgerFileName } from '../../src/export/ledger-workbook.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { ProgressNote } from '../../src/store/progress-reports.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

/** 2023-07-01 09:00 in Shanghai: the first half's work is due, some of it confirmed. */
const AS_OF = new Date('2023-07-01T01:00:00Z');
const TZ = 'Asia/Shanghai';

let config: LoadedConfig;
let workbook: ExcelJS.Workbook;
let bytes: Buffer;

const NOTE: ProgressNote = {
  itemId: '8.4',
  section: '监督科',
  by: '曹阳',
  byOpenId: 'ou_x',
  text: '已完成3家抽查，11月底前完成',
  at: '2023-06-24T16:30:00.000Z', // 6月25日 in Shanghai
};

beforeAll(async () => {
  config = await loadConfig(CONFIG_DIR);
  const store = new MemoryStore({ year: 2023, timeZone: TZ, clock: () => AS_OF });
  await store.syncPlan(planSyncOf(config, 'test'));
  await store.confirm('1.2/deadline/2023', '办公室', '张敏', '已宣讲', 'command');
  bytes = await buildLedgerWorkbook({
    plan: config.plan,
    sections: config.org.sections.map((s) => s.name),
    views: await store.allOccurrences(),
    policy: { requireVerify: false },
    progressNotes: [NOTE],
    timeZone: TZ,
    expandSections: (names) => expandSections(names, config.org),
    asOf: AS_OF,
  });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
});

/** The row of the main sheet whose 序号 is `id`. */
function itemRow(sheet: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let n = 1; n <= sheet.rowCount; n++)
    if (sheet.getRow(n).getCell(1).value === id) return sheet.getRow(n);
  throw new Error(`no row for ${id} on ${sheet.name}`);
}

describe('the 督办台账 workbook', () => {
  it('has a merged title with the as-of date, and the columns offices print', () => {
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getCell('A1').value).toBe('2023年工作要点督办台账（截至7月1日）');
    expect(sheet.getCell('I1').isMerged).toBe(true);
    expect(sheet.getCell('I1').master.address).toBe('A1');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '工作任务',
      '牵头科室',
      '责任科室',
      '完成时限',
      '节点',
      '进展情况',
      '完成情况',
      '销号',
    ]);
    expect(ledgerFileName(2023, AS_OF, TZ)).toBe('2023年督办台账（截至7月1日）.xlsx');
  });

  it('groups items by chapter, one row per item with its milestones and their state', () => {
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getCell('A3').value).toBe(`一、${config.plan.chapters[0]!.title}`);
    expect(sheet.getCell('A3').isMerged).toBe(true);
    const ids = [];
    for (let n = 3; n <= sheet.rowCount; n++) {
      const id = sheet.getRow(n).getCell(1).value;
      if (typeof id === 'string' && /^\d+\.\d+$/.test(id)) ids.push(id);
    }
    expect(ids).toEqual(config.plan.chapters.flatMap((c) => c.items.map((i) => i.id)));
    const done = itemRow(sheet, '1.2');
    expect(done.getCell(3).value).toBe('办公室');
    expect(done.getCell(4).value).toBe('党支部');
    expect(done.getCell(5).value).toBe('6月30日');
    expect(done.getCell(8).value).toBe('已完成');
    const supervision = itemRow(sheet, '8.4');
    expect(String(supervision.getCell(6).value)).toMatch(
      /^1\. 9月30日前 .+ — 进行中\n2\. 11月30日前 .+\n3\. 6月30日前 .+ — 逾期$/,
    );
    expect(supervision.getCell(7).value).toBe('监督科 曹阳（6月25日）：已完成3家抽查，11月底前完成');
  });

  it('highlights rows with overdue work and leaves the others plain', () => {
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    const fillOf = (row: ExcelJS.Row) =>
      (row.getCell(2).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    // 6.2's monthly milestone is overdue for January to May; 8.4's June 30 check is a day late.
    for (const id of ['6.2', '8.4']) {
      expect(String(itemRow(sheet, id).getCell(8).value)).toMatch(/逾期/);
      expect(fillOf(itemRow(sheet, id))).toBe(OVERDUE_FILL_ARGB);
    }
    expect(fillOf(itemRow(sheet, '1.2'))).toBeUndefined();
    const items = config.plan.chapters.flatMap((c) => c.items.map((i) => itemRow(sheet, i.id)));
    const plain = items.filter((row) => !String(row.getCell(8).value).includes('逾期'));
    expect(plain.length).toBeGreaterThan(1);
    for (const row of items) expect(fillOf(row) !== undefined).toBe(!plain.includes(row));
  });

  it('freezes the header, wraps text and prints A4 landscape with the header rows repeated', () => {
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(itemRow(sheet, '8.4').getCell(2).alignment?.wrapText).toBe(true);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:2');
  });

  it('has one more sheet per section, with only the items that section leads or shares', () => {
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual([LEDGER_SHEET_NAME, ...config.org.sections.map((s) => s.name)]);
    const supervision = workbook.getWorksheet('监督科')!;
    expect(supervision.getCell('A1').value).toBe('2023年工作要点督办台账（截至7月1日） — 监督科');
    expect(itemRow(supervision, '8.4').getCell(7).value).toContain('曹阳');
    expect(() => itemRow(supervision, '1.2')).toThrow(/no row/);
    // 4.1 names 各科室 among its 责任科室: every section's sheet lists it, as the plan writes it.
    expect(itemRow(supervision, '4.1').getCell(4).value).toBe('各科室');
    const office = workbook.getWorksheet('办公室')!;
    expect(itemRow(office, '1.2').getCell(8).value).toBe('已完成');
    expect(itemRow(office, '1.2').getCell(7).value).toBe('');
  });
});

describe('销号 in the 台账', () => {
  it('shows what the ledger carries: 已销号 once verified, 待销号 while require_verify waits', async () => {
    const store = new MemoryStore({ year: 2023, timeZone: TZ, clock: () => AS_OF });
    await store.syncPlan(planSyncOf(config, 'test'));
    await store.confirm('1.2/deadline/2023', '办公室', '张敏', '', 'command');
    await store.verify('1.2/deadline/2023', '张敏', '', 'command');
    await store.confirm('8.4/m3/2023', '监督科', '曹阳', '', 'command');
    const built = new ExcelJS.Workbook();
    await built.xlsx.load(
      (await buildLedgerWorkbook({
        plan: config.plan,
        sections: [],
        views: await store.allOccurrences(),
        policy: { requireVerify: true },
        progressNotes: [],
        timeZone: TZ,
        expandSections: (names) => expandSections(names, config.org),
        asOf: AS_OF,
      })) as unknown as ArrayBuffer,
    );
    const sheet = built.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(built.worksheets).toHaveLength(1);
    expect(itemRow(sheet, '1.2').getCell(9).value).toBe('已销号');
    expect(itemRow(sheet, '8.4').getCell(9).value).toBe('待销号 1');
    expect(String(itemRow(sheet, '8.4').getCell(6).value)).toContain(
      '3. 6月30日前 按照“双随机一公开”要求在6月底前开展全区代理记账机构虚假承诺监督检查 — 已完成，待销号',
    );
    expect(itemRow(sheet, '6.2').getCell(9).value).toBe('');
  });
});
