import { describe, expect, it } from 'vitest';
import { type LedgerRow, ledgerCsv } from '../../src/store/ledger-export.js';

const row = (overrides: Partial<LedgerRow> = {}): LedgerRow => ({
  id: '8.4/m1/2023',
  itemId: '8.4',
  title: '加强财政监督',
  due: '2023-09-30',
  section: '监督科',
  leads: ['监督科', '绩效科'],
  status: 'verified',
  confirmations: [
    { section: '监督科', by: 'ou_1', at: '2023-09-29T02:00:00.000Z', note: '已检查, 见"报告"\n第二行' },
  ],
  verification: { by: 'ou_admin', at: '2023-10-08T02:00:00.000Z', note: '' },
  notes: [],
  evidence: [
    {
      kind: 'file',
      name: '检查报告.pdf',
      key: 'file_v1',
      messageId: 'om_1',
      by: 'ou_1',
      at: '2023-09-29T02:01:00.000Z',
    },
  ],
  ...overrides,
});

describe('ledgerCsv', () => {
  it('starts with a UTF-8 byte-order mark and a header, rows end in CRLF', () => {
    const csv = ledgerCsv([row()]);
    expect(
      csv.startsWith(
        '\uFEFF"id","itemId","title","due","section","leads","status","confirmations","verification","notes","evidence"\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes every cell, doubles quotes, keeps commas and line breaks inside one cell', () => {
    const [, line] = ledgerCsv([row()]).split('\r\n');
    expect(line).toBe(
      '"8.4/m1/2023","8.4","加强财政监督","2023-09-30","监督科","监督科、绩效科","verified",' +
        '"监督科 | ou_1 | 2023-09-29T02:00:00.000Z | 已检查, 见""报告""\n第二行","ou_admin | 2023-10-08T02:00:00.000Z | ","",' +
        '"检查报告.pdf | ou_1 | 2023-09-29T02:01:00.000Z"',
    );
  });

  it('defuses cells that Excel would run as formulas', () => {
    const csv = ledgerCsv([row({ title: '=HYPERLINK("x")', confirmations: [] })]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/,"=/);
  });

  it('writes only the header for an empty ledger', () => {
    expect(ledgerCsv([]).split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('writes the progress notes one per line in the notes column', () => {
    const notes = [
      { section: '监督科', by: '曹阳', text: '已完成3家抽查', at: '2023-11-27T01:00:00.000Z' },
      { section: '监督科', by: '曹阳', text: '=SUM(A1)', at: '2023-12-25T01:00:00.000Z' },
    ];
    const [, line] = ledgerCsv([row({ notes, evidence: [] })]).split('\r\n');
    expect(
      line!.endsWith(
        ',"监督科 | 曹阳 | 2023-11-27T01:00:00.000Z | 已完成3家抽查\n监督科 | 曹阳 | 2023-12-25T01:00:00.000Z | =SUM(A1)",""',
      ),
    ).toBe(true);
  });
});
