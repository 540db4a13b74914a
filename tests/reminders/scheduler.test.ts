import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantOf } from '../../src/reminders/local-time.js';
import { previewReminders } from '../../src/reminders/preview.js';
import { dailyRule, startScheduler } from '../../src/reminders/scheduler.js';
import { reminderBackends } from '../helpers/reminder-backends.js';
import { daysOf, type ReminderHarness, reminderHarness } from '../helpers/reminder-harness.js';

describe('the schedule rule', () => {
  it('fires at 09:00 in the plan’s time zone whatever the server’s', () => {
    const rule = dailyRule('09:00', 'Asia/Shanghai');
    // 09:00 Beijing is 01:00 UTC.
    expect(rule.nextInvocationDate(new Date('2023-09-27T12:00:00Z')).toISOString()).toBe(
      '2023-09-28T01:00:00.000Z',
    );
    expect(rule.nextInvocationDate(new Date('2023-09-27T00:30:00Z')).toISOString()).toBe(
      '2023-09-27T01:00:00.000Z',
    );
  });
});

describe.each(await reminderBackends())('the scheduler on $name', (backend) => {
  let h: ReminderHarness;
  beforeEach(async () => {
    h = await reminderHarness(backend);
  });
  afterEach(async () => h.cleanup());

  const start = (day: string, time = '09:00') => {
    h.setNow(instantOf(day, time, 'Asia/Shanghai'));
    return startScheduler({
      store: h.store,
      claims: h.claims,
      send: h.sender.send,
      config: () => h.config,
      clock: h.now,
    });
  };

  it('sends nothing for a plan whose year is over', async () => {
    const scheduler = start('2026-11-30');
    try {
      expect(await scheduler.started).toBeNull();
      expect(h.sender.sent).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });

  it('on a first start sends what is due today, not the plan’s whole past', async () => {
    // What a normal start would owe on 2023-12-18: today's stages, the two work days before, and a missed card.
    const owedToday = (await previewReminders('2023-12-18', '2023-12-18', h)).length;
    expect(owedToday).toBeGreaterThan(0);
    h.setNow(instantOf('2023-12-18', '09:00', 'Asia/Shanghai'));
    const scheduler = startScheduler({
      store: h.store,
      claims: h.claims,
      send: h.sender.send,
      config: () => h.config,
      clock: h.now,
      firstStart: true,
    });
    try {
      const report = await scheduler.started;
      expect(report?.days).toEqual(['2023-12-18']);
      expect(h.sender.sent.filter(({ message }) => message.kind === 'missed')).toEqual([]);
      expect(h.sender.sent).toHaveLength(owedToday);
    } finally {
      await scheduler.stop();
    }
  });

  it('catches up at start on what was owed the day it was down', async () => {
    // Up until 12-14, down on 12-15 (Q4 政金企 T-10 among others), back on 12-18.
    for (const day of daysOf('2023-12-01', '2023-12-14')) await h.sweepOn(day);
    const owedOnDayDown = (await previewReminders('2023-12-15', '2023-12-15', h)).filter(
      (p) => p.message.kind !== 'weekly',
    );
    expect(owedOnDayDown.length).toBeGreaterThan(0);
    h.sender.clear();
    const scheduler = start('2023-12-18');
    try {
      const report = await scheduler.started;
      expect(report?.days).toEqual(['2023-12-14', '2023-12-15', '2023-12-18']);
      const delivered = new Set(
        h.sender.sent.flatMap(({ message: m }) => m.occurrenceIds.map((id) => `${id}|${m.section}`)),
      );
      for (const { message: m } of owedOnDayDown.filter((p) => p.message.kind !== 'escalation'))
        for (const id of m.occurrenceIds)
          expect(delivered, `${id} for ${m.section}`).toContain(`${id}|${m.section}`);
      expect(h.sender.sent.some(({ message: m }) => m.occurrenceIds.includes('6.2/m1/2023-Q4'))).toBe(true);
      expect(h.sender.sent.filter(({ message }) => message.kind === 'missed')).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });

  it('folds stages missed beyond the grace window into one card for the main chat', async () => {
    for (const day of daysOf('2023-11-01', '2023-11-03')) await h.sweepOn(day);
    h.sender.clear();
    // Down from 11-06 to 11-16: the grace window is 11-14 … 11-16; 8.4/m2's T-14 (11-10) is older.
    const scheduler = start('2023-11-16');
    try {
      const report = await scheduler.started;
      expect(report?.days).toEqual(['2023-11-14', '2023-11-15', '2023-11-16']);
      const missed = h.sender.sent.filter(({ message }) => message.kind === 'missed');
      expect(missed).toHaveLength(1);
      const card = missed[0]!.message;
      expect(card.chatId).toBe(h.config.org.chats.main);
      expect(card.occurrenceIds).toEqual(['8.4/m2/2023']);
      expect(card.stages).toEqual(['T-14']);
      expect(JSON.stringify(card.card)).toContain('离线期间');
      expect(await h.store.occurrencesForMessage(missed[0]!.messageId)).toEqual(['8.4/m2/2023']);
      // Overdue work is reminded in the grace window as usual, not listed as missed.
      expect(
        h.sender.sent.some(
          ({ message: m }) => m.kind !== 'missed' && m.stages.some((s) => s.startsWith('overdue')),
        ),
      ).toBe(true);
    } finally {
      await scheduler.stop();
    }
    // A second start the same day finds nothing missed: it was sent.
    h.sender.clear();
    const again = start('2023-11-16', '10:00');
    await again.started;
    await again.stop();
    expect(h.sender.sent).toEqual([]);
  });

  it('schedules the daily sweep at send_at in the plan’s zone and stops cleanly', async () => {
    const scheduler = start('2023-09-27', '10:00');
    await scheduler.started;
    const next = scheduler.nextRuns();
    expect(next.length).toBeGreaterThan(0);
    for (const run of next) expect(run.getUTCHours()).toBe(1);
    await scheduler.stop();
    expect(scheduler.nextRuns()).toEqual([]);
  });

  it('moves the daily sweep when a reload changes send_at', async () => {
    let config = h.config;
    const scheduler = startScheduler({
      store: h.store,
      claims: h.claims,
      send: h.sender.send,
      config: () => config,
      clock: h.now,
    });
    try {
      await scheduler.started;
      expect(scheduler.nextRuns().map((d) => d.getUTCHours())).toEqual([1]);
      config = {
        ...config,
        reminders: {
          ...config.reminders,
          send_at: '10:30',
          weekly_digest: { ...config.reminders.weekly_digest, at: '10:30' },
        },
      };
      scheduler.reschedule();
      expect(scheduler.nextRuns().map((d) => [d.getUTCHours(), d.getUTCMinutes()])).toEqual([[2, 30]]);
    } finally {
      await scheduler.stop();
    }
  });
});
