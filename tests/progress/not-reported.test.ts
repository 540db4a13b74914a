import { describe, expect, it } from 'vitest';
import { reminderPolicySchema } from '../../src/config/reminders-schema.js';
import { notReportedLine, sectionsNotReported } from '../../src/progress/not-reported.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

const sections = ['办公室', '预算科', '国资科'];
const on = { reminders: reminderPolicySchema.parse({ progress_report: { day: 25 } }), sections };

function setup() {
  let now = new Date('2023-10-20T01:00:00Z');
  const store = new MemoryStore({ year: 2023, clock: () => now });
  const ask = (section: string, month: string, sentAt: string) =>
    store.recordProgressRequest({
      messageId: `om_${section}_${month}`,
      section,
      month,
      itemIds: ['1.1'],
      sentAt,
    });
  const report = (section: string, at: string) => {
    now = new Date(at);
    return store.addProgressNote({ itemId: '1.1', section, by: '张三', byOpenId: 'ou_z', text: '推进中' });
  };
  return { store, ask, report };
}

describe('the sections the digest chases', () => {
  it('is nothing when off or before any round', async () => {
    const { store, ask } = setup();
    expect(await sectionsNotReported(store, on, '2023-11-06')).toBeNull();
    await ask('预算科', '2023-10', '2023-10-25T01:00:00.000Z');
    const off = { reminders: reminderPolicySchema.parse({}), sections };
    expect(await sectionsNotReported(store, off, '2023-11-06')).toBeNull();
  });

  it('takes last month’s round until this month’s goes out, counting only notes since the card', async () => {
    const { store, ask, report } = setup();
    await report('国资科', '2023-10-24T01:00:00.000Z'); // before the card: not an answer
    for (const s of ['国资科', '预算科', '办公室']) await ask(s, '2023-10', '2023-10-25T01:00:00.000Z');
    await report('预算科', '2023-10-26T01:00:00.000Z');
    expect(await sectionsNotReported(store, on, '2023-11-06')).toEqual({
      month: '2023-10',
      sections: ['办公室', '国资科'],
    });
    await ask('国资科', '2023-11', '2023-11-27T01:00:00.000Z');
    expect(await sectionsNotReported(store, on, '2023-11-28')).toEqual({
      month: '2023-11',
      sections: ['国资科'],
    });
    await report('国资科', '2023-11-28T02:00:00.000Z');
    const all = await sectionsNotReported(store, on, '2023-12-04');
    expect(all).toEqual({ month: '2023-11', sections: [] });
    expect(notReportedLine(all!)).toBe('**11月进展填报**：各科室均已填报 ✅');
    expect(notReportedLine({ month: '2023-10', sections: ['办公室', '国资科'] })).toBe(
      '**10月进展未填报**（2 个科室）：办公室、国资科',
    );
  });
});
