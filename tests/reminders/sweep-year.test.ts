import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSection } from '../../src/config/sections.js';
import { isWorkday } from '../../src/plan/workdays.js';
import { stagesFor } from '../../src/reminders/policy.js';
import { previewReminders } from '../../src/reminders/preview.js';
import { reminderBackends } from '../helpers/reminder-backends.js';
import { daysOf, type ReminderHarness, reminderHarness } from '../helpers/reminder-harness.js';

/** Daily sweeps at 09:00 over the whole 2023 reference year, against each backend. */
describe.each(await reminderBackends())('a year of sweeps on $name', (backend) => {
  let h: ReminderHarness;
  beforeEach(async () => {
    h = await reminderHarness(backend);
  });
  afterEach(async () => h.cleanup());

  it('sends exactly the calendar preview planned, on work days only, each delivery once', async () => {
    const planned = await previewReminders('2023-01-01', '2023-12-31', h);
    for (const day of daysOf('2023-01-01', '2023-12-31')) {
      const report = await h.sweepOn(day);
      expect(report.failed).toEqual([]);
      if (!isWorkday(day)) expect(report.skipped).toBe('rest-day');
    }
    const sent = h.sender.sent.map(
      ({ message: m }) => `${m.day} ${m.chatId} ${m.kind} ${m.occurrenceIds.join(',')} ${m.stages.join(',')}`,
    );
    const expected = planned.map(
      ({ message: m }) => `${m.day} ${m.chatId} ${m.kind} ${m.occurrenceIds.join(',')} ${m.stages.join(',')}`,
    );
    expect(sent.sort()).toEqual(expected.sort());
    expect(h.sender.sent.filter(({ message }) => !isWorkday(message.day))).toEqual([]);
    expect(h.sender.sent.filter(({ message }) => message.day === '2023-10-02')).toEqual([]);
    // Each (occurrence, section, stage) went out once.
    const deliveries = h.sender.sent.flatMap(({ message: m }) =>
      m.kind === 'weekly'
        ? []
        : m.occurrenceIds.map((id, i) => `${id}|${m.section ?? m.kind}|${m.stages[i]}`),
    );
    expect(new Set(deliveries).size).toBe(deliveries.length);
  });

  it('gives every dated milestone its whole ladder, to each lead section, in its own chat', async () => {
    for (const day of daysOf('2023-01-01', '2023-12-31')) await h.sweepOn(day);
    const dated = (await h.store.allOccurrences()).filter((o) => o.every === null && o.milestone !== null);
    expect(dated.map((o) => o.id)).toContain('8.4/m1/2023');
    for (const occurrence of dated) {
      for (const stage of stagesFor(occurrence, h.config.reminders, { through: '2023-12-31' })) {
        for (const section of occurrence.leads) {
          const chat = findSection(section, h.config.org)?.chat_id ?? h.config.org.chats.main;
          const got = h.sender.sent.find(
            ({ message: m }) =>
              m.day === stage.day &&
              m.section === section &&
              m.chatId === chat &&
              m.occurrenceIds.includes(occurrence.id),
          );
          expect(got, `${occurrence.id} ${stage.key} ${stage.day} → ${section}`).toBeDefined();
          const head = findSection(section, h.config.org)!.head.open_id!;
          expect(got!.message.mentions).toContain(head);
        }
      }
    }
  });

  it('reminds the quarterly 政金企 meeting at each quarter’s start and 10 work days before its end', async () => {
    for (const day of daysOf('2023-01-01', '2023-12-31')) await h.sweepOn(day);
    const zhengjinqi = h.sender.sent.flatMap(({ message: m }) =>
      (m.kind === 'weekly' ? [] : m.occurrenceIds).flatMap((id, i) =>
        id.startsWith('6.2/m1/') ? [`${m.day} ${id} ${m.stages[i]}`] : [],
      ),
    );
    expect(zhengjinqi.filter((line) => !line.includes('overdue') && !line.includes('escalate'))).toEqual([
      '2023-01-03 6.2/m1/2023-Q1 quarter-start',
      '2023-03-17 6.2/m1/2023-Q1 T-10',
      '2023-04-03 6.2/m1/2023-Q2 quarter-start',
      '2023-06-15 6.2/m1/2023-Q2 T-10',
      '2023-07-03 6.2/m1/2023-Q3 quarter-start',
      '2023-09-14 6.2/m1/2023-Q3 T-10', // 9-30 falls in 国庆: counted from 9-28
      '2023-10-07 6.2/m1/2023-Q4 quarter-start',
      '2023-12-15 6.2/m1/2023-Q4 T-10',
    ]);
    const chat = findSection('金融服务中心', h.config.org)!.chat_id;
    const q4 = h.sender.sent.find(
      ({ message: m }) => m.day === '2023-10-07' && m.occurrenceIds.includes('6.2/m1/2023-Q4'),
    );
    expect(q4?.message.chatId).toBe(chat);
  });
});
