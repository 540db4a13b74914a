import { describe, expect, it } from 'vitest';
import { ledgerRows } from '../../src/store/ledger-export.js';
import type { ContractContext } from './contract.js';

const Q1 = '1.2/m1/2023-Q1';

export function ledgerContract(ctx: ContractContext): void {
  describe('ledger', () => {
    it('confirms once, stamps who/when/how, and answers a repeat with the first confirmation', async () => {
      await ctx.sync();
      const first = await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '已报人大', 'reply');
      const confirmation = {
        section: '预算科',
        by: 'ou_wang',
        at: ctx.now(),
        note: '已报人大',
        source: 'reply',
      };
      expect(first.status).toBe('confirmed');
      expect(first.occurrence).toMatchObject({
        id: '1.1/m1/2023',
        status: 'done',
        confirmations: [confirmation],
      });

      ctx.setNow('2023-05-10T03:00:00.000Z');
      const again = await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wu', '再次', 'button');
      expect(again).toMatchObject({ status: 'already', confirmation });
      const audit = await ctx.store.audit();
      expect(audit.map((e) => e.action)).toEqual(['sync', 'confirm']);
      expect(audit[1]).toMatchObject({
        at: '2023-05-10T02:00:00.000Z',
        by: 'ou_wang',
        action: 'confirm',
        occurrenceId: '1.1/m1/2023',
        section: '预算科',
        note: '已报人大',
        source: 'reply',
      });
      expect(audit[0]).toMatchObject({
        action: 'sync',
        by: 'tester',
        occurrenceId: null,
        section: null,
        source: 'sync',
      });
    });

    it('exports one row per occurrence and lead section, with its confirmation and 销号', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'ou_wang', '已报', 'command');
      const plain = ledgerRows(await ctx.store.allOccurrences(), { requireVerify: false });
      expect(plain.find((r) => r.id === '1.1/m1/2023')).toEqual({
        id: '1.1/m1/2023',
        itemId: '1.1',
        title: '强化预算编制',
        due: '2023-03-31',
        section: '预算科',
        leads: ['预算科'],
        status: 'done',
        confirmations: [{ section: '预算科', by: 'ou_wang', at: ctx.now(), note: '已报' }],
        verification: null,
        notes: [],
        evidence: [],
      });
      // Q1 has two leads: two rows, one each, told apart by section.
      await ctx.store.confirm(Q1, '国库科', 'ou_zheng', '', 'reply');
      const strict = ledgerRows(await ctx.store.allOccurrences(), { requireVerify: true });
      expect(strict.filter((r) => r.id === Q1).map((r) => [r.section, r.status])).toEqual([
        ['国库科', 'awaiting_verification'],
        ['预算科', 'overdue'],
      ]);
      expect(strict.find((r) => r.id === '1.1/m1/2023')?.status).toBe('awaiting_verification');
      await ctx.store.verify('1.1/m1/2023', 'ou_admin', '', 'button');
      const verified = ledgerRows(await ctx.store.allOccurrences(), { requireVerify: true });
      expect(verified.find((r) => r.id === '1.1/m1/2023')).toMatchObject({
        status: 'verified',
        verification: { by: 'ou_admin', at: ctx.now(), note: '' },
      });
      expect(verified).toHaveLength(
        (await ctx.store.allOccurrences()).reduce((n, o) => n + o.leads.length, 0),
      );
    });

    it('is done only when every lead section has confirmed', async () => {
      await ctx.sync();
      const one = await ctx.store.confirm(Q1, '国库科', 'ou_zheng', '', 'reply');
      expect(one.occurrence.status).toBe('overdue');
      const both = await ctx.store.confirm(Q1, '预算科', 'ou_wang', '', 'reply');
      expect(both.occurrence.status).toBe('done');
      expect(both.occurrence.confirmations.map((c) => c.section)).toEqual(['国库科', '预算科']);
    });

    it('refuses sections that do not lead the occurrence, and occurrences it does not know', async () => {
      await ctx.sync();
      await expect(ctx.store.confirm(Q1, '办公室', 'ou_x', '', 'reply')).rejects.toMatchObject({
        code: 'NOT_A_LEAD',
        badInput: true,
        message: expect.stringContaining('国库科、预算科'),
      });
      await expect(ctx.store.confirm('9.9/m1/2023', '预算科', 'ou_x', '', 'reply')).rejects.toMatchObject({
        code: 'UNKNOWN_OCCURRENCE',
      });
      await expect(ctx.store.undo('9.9/m1/2023', '预算科', 'ou_x', '', 'reply')).rejects.toMatchObject({
        code: 'UNKNOWN_OCCURRENCE',
      });
      await expect(ctx.store.verify('9.9/m1/2023', 'ou_x', '', 'reply')).rejects.toMatchObject({
        code: 'UNKNOWN_OCCURRENCE',
      });
      expect((await ctx.store.audit()).map((e) => e.action)).toEqual(['sync']);
    });

    it('verifies only what is done, once; undo withdraws the confirmation and the verification', async () => {
      await ctx.sync();
      const id = '1.1/m1/2023';
      expect((await ctx.store.verify(id, 'ou_admin', '', 'command')).status).toBe('not-done');
      await ctx.store.confirm(id, '预算科', 'ou_wang', '', 'reply');
      const verified = await ctx.store.verify(id, 'ou_admin', '销号', 'button');
      expect(verified.status).toBe('verified');
      expect(verified.occurrence.status).toBe('verified');
      expect(verified.occurrence.verification).toEqual({
        by: 'ou_admin',
        at: ctx.now(),
        note: '销号',
        source: 'button',
      });
      expect((await ctx.store.verify(id, 'ou_admin', '', 'button')).status).toBe('already');

      const undone = await ctx.store.undo(id, '预算科', 'ou_wang', '误点', 'command');
      expect(undone.status).toBe('undone');
      expect(undone.occurrence).toMatchObject({ status: 'overdue', confirmations: [], verification: null });
      expect((await ctx.store.undo(id, '预算科', 'ou_wang', '', 'command')).status).toBe('not-confirmed');
      expect((await ctx.store.overdue(new Date(ctx.now()))).map((o) => o.id)).toContain(id);
      const audit = await ctx.store.audit();
      expect(audit.map((e) => e.action)).toEqual(['sync', 'confirm', 'verify', 'undo']);
      expect(audit[3]).toMatchObject({ by: 'ou_wang', section: '预算科', note: '误点', source: 'command' });
      // Confirming again after an undo is a new confirmation, not "already".
      expect((await ctx.store.confirm(id, '预算科', 'ou_wang', '', 'reply')).status).toBe('confirmed');
      expect((await ctx.store.occurrence(id))?.verification).toBeNull();
    });

    it('sends confirmed work back (退回): every confirmation and the verification go, the reason is audited', async () => {
      await ctx.sync();
      expect((await ctx.store.sendBack(Q1, 'ou_admin', '材料不全', 'command')).status).toBe('not-confirmed');
      await ctx.store.confirm(Q1, '国库科', 'ou_zheng', '', 'reply');
      await ctx.store.confirm(Q1, '预算科', 'ou_wang', '', 'reply');
      await ctx.store.verify(Q1, 'ou_admin', '', 'button');
      const back = await ctx.store.sendBack(Q1, 'ou_admin', '材料不全', 'command');
      expect(back).toMatchObject({ status: 'sent-back', sections: ['国库科', '预算科'] });
      expect(back.occurrence).toMatchObject({ status: 'overdue', confirmations: [], verification: null });
      expect(await ctx.store.occurrence(Q1)).toMatchObject({ confirmations: [], verification: null });
      expect((await ctx.store.openForSection('预算科')).map((o) => o.id)).toContain(Q1);
      const last = (await ctx.store.audit()).at(-1);
      expect(last).toMatchObject({ action: 'return', by: 'ou_admin', note: '材料不全', section: null });
      // Confirmed again afterwards, it is a new confirmation awaiting a new 销号.
      expect((await ctx.store.confirm(Q1, '国库科', 'ou_zheng', '', 'reply')).status).toBe('confirmed');
      await expect(ctx.store.sendBack('9.9/m1/2023', 'ou_x', '', 'reply')).rejects.toMatchObject({
        code: 'UNKNOWN_OCCURRENCE',
      });
    });

    it('keeps 佐证材料 from a lead section once per message and key, through undo and 退回', async () => {
      await ctx.sync();
      const file = {
        section: '预算科',
        by: 'ou_wang',
        kind: 'file' as const,
        key: 'file_v1',
        messageId: 'om_1',
        name: '报告.pdf',
      };
      const first = await ctx.store.attachEvidence(Q1, file, 'reply');
      expect(first.status).toBe('attached');
      expect(first.occurrence.evidence).toEqual([{ ...file, at: ctx.now() }]);
      expect((await ctx.store.attachEvidence(Q1, file, 'reply')).status).toBe('already');
      ctx.setNow('2023-05-10T03:00:00.000Z');
      const image = { ...file, kind: 'image' as const, key: 'img_v1', messageId: 'om_0', name: '图片' };
      await ctx.store.attachEvidence(Q1, image, 'reply');
      await expect(
        ctx.store.attachEvidence(Q1, { ...file, section: '办公室' }, 'reply'),
      ).rejects.toMatchObject({
        code: 'NOT_A_LEAD',
      });
      await ctx.store.confirm(Q1, '预算科', 'ou_wang', '', 'reply');
      await ctx.store.undo(Q1, '预算科', 'ou_wang', '', 'reply');
      await ctx.store.confirm(Q1, '预算科', 'ou_wang', '', 'reply');
      await ctx.store.sendBack(Q1, 'ou_admin', '不全', 'command');
      expect((await ctx.store.occurrence(Q1))?.evidence.map((e) => e.key)).toEqual(['file_v1', 'img_v1']);
      expect((await ctx.store.allOccurrences()).find((o) => o.id === Q1)?.evidence).toHaveLength(2);
      const attached = (await ctx.store.audit()).filter((e) => e.action === 'evidence');
      expect(attached.map((e) => [e.section, e.note, e.by])).toEqual([
        ['预算科', '报告.pdf', 'ou_wang'],
        ['预算科', '图片', 'ou_wang'],
      ]);
    });

    it('reads the audit stream on from an entry, a page at a time', async () => {
      await ctx.sync();
      await ctx.store.confirm('1.1/m1/2023', '预算科', 'a', '', 'reply');
      await ctx.store.confirm(Q1, '预算科', 'b', '', 'reply');
      await ctx.store.confirm(Q1, '国库科', 'c', '', 'reply');
      const all = await ctx.store.audit();
      expect(all.map((e) => e.by)).toEqual(['tester', 'a', 'b', 'c']);
      const ids = all.map((e) => e.id);
      expect(new Set(ids).size).toBe(4);
      expect((await ctx.store.audit({ after: ids[1]! })).map((e) => e.by)).toEqual(['b', 'c']);
      expect((await ctx.store.audit({ after: ids[0]!, limit: 1 })).map((e) => e.by)).toEqual(['a']);
      expect(await ctx.store.audit({ after: ids[3]! })).toEqual([]);
    });

    it('lets exactly one of 20 concurrent confirms of the same section win', async () => {
      await ctx.sync();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ctx.store.confirm(Q1, '预算科', `ou_${i}`, '', 'button')),
      );
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'already')).toHaveLength(19);
      const winner = results.find((r) => r.status === 'confirmed')!.occurrence.confirmations[0]!.by;
      for (const r of results) if (r.status === 'already') expect(r.confirmation.by).toBe(winner);
      expect((await ctx.store.audit()).filter((e) => e.action === 'confirm')).toHaveLength(1);
    });

    it('never keeps a verification that raced an undo on another replica', async () => {
      await ctx.sync();
      const other = await ctx.replica();
      const id = '1.1/m1/2023';
      for (let round = 0; round < 5; round++) {
        await ctx.store.confirm(id, '预算科', 'ou_wang', '', 'reply');
        const [verified] = await Promise.all([
          ctx.store.verify(id, 'ou_admin', '', 'command'),
          other.undo(id, '预算科', 'ou_wang', '', 'command'),
        ]);
        expect(['verified', 'not-done']).toContain(verified.status);
        // Confirmed again, the occurrence is done but not verified: a verification never outlives an undo.
        expect((await ctx.store.confirm(id, '预算科', 'ou_wang', '', 'reply')).occurrence.status).toBe(
          'done',
        );
        await ctx.store.undo(id, '预算科', 'ou_wang', '', 'command');
      }
    });

    it('lets exactly one confirm win across two replicas', async () => {
      await ctx.sync();
      const other = await ctx.replica();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? ctx.store : other).confirm(Q1, '国库科', `ou_${i}`, '', 'reply'),
        ),
      );
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(1);
      expect((await other.occurrence(Q1))?.confirmations).toHaveLength(1);
    });
  });
}
