import { describe, expect, it } from 'vitest';
import { ledgerRows } from '../../src/store/ledger-export.js';
import type { ContractContext } from './contract.js';

const note = (itemId: string, section: string, text: string) => ({
  itemId,
  section,
  by: '张三',
  byOpenId: 'ou_zhang',
  text,
});

export function progressContract(ctx: ContractContext): void {
  describe('progress reports (进展填报)', () => {
    it('keeps notes per item, oldest first, stamped by the store clock, across replicas', async () => {
      const other = await ctx.replica();
      const first = await ctx.store.addProgressNote(note('1.1', '办公室', '已完成初稿'));
      expect(first).toEqual({ ...note('1.1', '办公室', '已完成初稿'), at: ctx.now() });
      ctx.setNow('2023-06-25T01:00:00.000Z');
      await other.addProgressNote(note('一（二）', '办公室', '  已报送 '));
      await ctx.store.addProgressNote(note('1.1', '财务科', '数据已核对'));
      expect((await ctx.store.progressNotes('1.1')).map((n) => [n.section, n.text, n.at])).toEqual([
        ['办公室', '已完成初稿', '2023-05-10T02:00:00.000Z'],
        ['财务科', '数据已核对', '2023-06-25T01:00:00.000Z'],
      ]);
      // The id in any form people type; the text trimmed.
      expect(await other.progressNotes('1.2')).toEqual([
        { ...note('1.2', '办公室', '已报送'), at: '2023-06-25T01:00:00.000Z' },
      ]);
      expect((await other.progressNotes()).map((n) => n.itemId)).toEqual(['1.1', '1.2', '1.1']);
    });

    it('refuses a note without text or author, naming what is missing', async () => {
      await expect(ctx.store.addProgressNote(note('1.1', '办公室', '  '))).rejects.toMatchObject({
        code: 'BAD_PROGRESS_NOTE',
        message: expect.stringContaining('text'),
      });
      await expect(
        ctx.store.addProgressNote({ ...note('1.1', '', 'x'), byOpenId: '' }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/section, byOpenId/) });
      expect(await ctx.store.progressNotes()).toEqual([]);
    });

    it('remembers request cards by message and lists a month’s', async () => {
      const other = await ctx.replica();
      const request = (messageId: string, section: string, month: string, sentAt: string) => ({
        messageId,
        section,
        month,
        itemIds: ['1.1', '2.1'],
        sentAt,
      });
      await ctx.store.recordProgressRequest(request('om_b', '财务科', '2023-05', '2023-05-25T01:00:02.000Z'));
      await other.recordProgressRequest(request('om_a', '办公室', '2023-05', '2023-05-25T01:00:01.000Z'));
      await other.recordProgressRequest(request('om_c', '办公室', '2023-06', '2023-06-26T01:00:00.000Z'));
      expect(await other.progressRequest('om_b')).toEqual(
        request('om_b', '财务科', '2023-05', '2023-05-25T01:00:02.000Z'),
      );
      expect(await ctx.store.progressRequest('om_x')).toBeNull();
      expect((await ctx.store.progressRequests('2023-05')).map((r) => r.messageId)).toEqual(['om_a', 'om_b']);
      expect(await ctx.store.progressRequests('2023-07')).toEqual([]);
      await expect(ctx.store.progressRequests('2023-5')).rejects.toMatchObject({ code: 'BAD_MONTH' });
    });

    it('rides along in the ledger export: each row carries its item’s notes by the row’s section', async () => {
      await ctx.sync();
      await ctx.store.addProgressNote(note('1.1', '预算科', '已报送'));
      await ctx.store.addProgressNote(note('1.1', '财务科', '别的科室'));
      const rows = ledgerRows(
        await ctx.store.allOccurrences(),
        { requireVerify: false },
        await ctx.store.progressNotes(),
      );
      expect(rows.find((r) => r.id === '1.1/m1/2023' && r.section === '预算科')?.notes).toEqual([
        { section: '预算科', by: '张三', text: '已报送', at: ctx.now() },
      ]);
      expect(rows.filter((r) => r.itemId !== '1.1').every((r) => r.notes.length === 0)).toBe(true);
    });
  });
}
