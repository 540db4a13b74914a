import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { LEDGER_SHEET_NAME } from '../../src/export/ledger-workbook.js';
import { createStore } from '../../src/store/create-store.js';
import { captureIo } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';

const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));
const AT = '2023-07-01T09:00:00+08:00';
const redisUp = await redisForTests('duban export --xlsx on Redis');

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  const io = captureIo({ env: { CONFIG_DIR, ...env }, ...(cwd ? { cwd } : {}) });
  const code = await runCli(args, io);
  return { code, bytes: io.stdoutBytes(), err: io.stderr() };
}

async function mainSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.getWorksheet(LEDGER_SHEET_NAME)!;
}

function rowOf(sheet: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let n = 1; n <= sheet.rowCount; n++)
    if (sheet.getRow(n).getCell(1).value === id) return sheet.getRow(n);
  throw new Error(`no row ${id}`);
}

describe('duban export --xlsx', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes the workbook to stdout as bytes, titled with the --at day', async () => {
    const { code, bytes } = await run(['export', '--xlsx', '--at', AT]);
    expect(code).toBe(0);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, not text
    expect((await mainSheet(bytes)).getCell('A1').value).toBe('2023年工作要点督办台账（截至7月1日）');
  });

  it('writes it to --out (relative to the working directory) and says where', async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-xlsx-'));
    const { code, bytes, err } = await run(['export', '--xlsx', '--out', '台账.xlsx', '--at', AT], {}, dir);
    expect(code).toBe(0);
    expect(bytes).toHaveLength(0);
    expect(err).toContain(`wrote ${join(dir, '台账.xlsx')}`);
    const sheet = await mainSheet(await readFile(join(dir, '台账.xlsx')));
    expect(String(rowOf(sheet, '6.2').getCell(8).value)).toMatch(/逾期/);
  });

  it('refuses two formats at once, exit 2', async () => {
    expect((await run(['export', '--xlsx', '--csv'])).code).toBe(2);
  });
});

describe.runIf(redisUp)('duban export --xlsx on Redis', () => {
  const prefix = randomPrefix();
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
  afterEach(() => cleanUpPrefix(prefix));

  it('shows a confirmation stored in the ledger', async () => {
    expect((await run(['sync'], env)).code).toBe(0);
    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
    try {
      await store.confirm('1.2/deadline/2023', '办公室', 'ou_x', '', 'command');
    } finally {
      await store.close();
    }
    const { code, bytes } = await run(['export', '--xlsx', '--at', AT], env);
    expect(code).toBe(0);
    const sheet = await mainSheet(bytes);
    expect(rowOf(sheet, '1.2').getCell(8).value).toBe('已完成');
    expect(rowOf(sheet, '1.1').getCell(8).value).not.toBe('已完成');
  });
});
