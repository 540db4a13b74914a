import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { LEDGER_SHEET_NAME } from '../../src/export/ledger-workbook.js';
import { startDuban } from '../helpers/server-harness.js';

const TOKEN = 'admin-token-for-tests-0123456789';
/** 2023-09-25 09:00 in Shanghai. */
const NOW = new Date('2023-09-25T01:00:00Z');

describe('GET /admin/export?format=xlsx', () => {
  let duban: RunningServer;
  beforeAll(async () => {
    duban = await startDuban({ ADMIN_TOKEN: TOKEN }, { clock: () => NOW });
    await duban.store.confirm('8.4/m3/2023', '监督科', 'ou_test', '', 'command');
    await duban.store.addProgressNote({
      itemId: '8.4',
      section: '监督科',
      by: '曹阳',
      byOpenId: 'ou_test',
      text: '已完成3家抽查，11月底前完成',
    });
  });
  afterAll(() => duban.close(1000));
  const get = (path: string) =>
    fetch(`${duban.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('answers the 督办台账 as an xlsx named in Chinese, as of the server clock', async () => {
    const res = await get('/admin/export?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const name = '2023年督办台账（截至9月25日）.xlsx';
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.getCell('A1').value).toBe('2023年工作要点督办台账（截至9月25日）');
    let milestones = '';
    let progress = '';
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== '8.4') return;
      milestones = String(row.getCell(6).value);
      progress = String(row.getCell(7).value);
    });
    expect(milestones).toMatch(/3\. 6月30日前 .+ — 已完成$/);
    // The store's 进展填报 notes fill 进展情况, dated by the store's clock.
    expect(progress).toBe('监督科 曹阳（9月25日）：已完成3家抽查，11月底前完成');
  });

  it('refuses a format it does not know, naming the ones it does', async () => {
    const res = await get('/admin/export?format=pdf');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('json, csv, xlsx');
  });
});
