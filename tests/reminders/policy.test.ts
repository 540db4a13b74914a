import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEFAULT_REMINDER_POLICY, reminderPolicySchema } from '../../src/config/reminders-schema.js';
import { expandSections } from '../../src/config/sections.js';
import { expandOccurrences } from '../../src/plan/occurrences.js';
import { addDays, isWorkday, workdayOnOrBefore, workdaysBetween } from '../../src/plan/workdays.js';
import { stageOn, stagesFor } from '../../src/reminders/policy.js';
import {
  allBeforeRules,
  dueWindow,
  overdueRule,
  overdueWindows,
  stageDay,
} from '../../src/reminders/rules.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { daysOf } from '../helpers/reminder-harness.js';

const policy = DEFAULT_REMINDER_POLICY;
const YEAR_END = { through: '2024-01-31' };
const config = await loadConfig(CONFIG_DIR);
const occurrences = expandOccurrences(config.plan, (n) => expandSections(n, config.org));
const byId = (id: string) => occurrences.find((o) => o.id === id)!;

describe('the ladder before a dated milestone', () => {
  it('counts T-14 … T-0 in work days back from the due date', () => {
    // 8.4/m1 "9月底前…专项检查": 9-30 is in the 国庆 holiday, so T-0 is the last work day before it.
    const stages = stagesFor(byId('8.4/m1/2023'), policy, { through: '2023-09-30' });
    expect(stages.map((s) => [s.key, s.day])).toEqual([
      ['T-14', '2023-09-08'],
      ['T-7', '2023-09-19'],
      ['T-3', '2023-09-25'],
      ['T-1', '2023-09-27'],
      ['T-0', '2023-09-28'],
    ]);
    expect(stages.at(-1)!.kind).toBe('due');
  });

  it('counts calendar days and moves each onto the work day before when ladder_unit is days', () => {
    const days = reminderPolicySchema.parse({ ladder_unit: 'days' });
    const stages = stagesFor({ due: '2023-10-10', every: null }, days, { through: '2023-10-10' });
    // 10-10 − 14 = 9-26; − 7 = 10-03 (国庆) → 9-28; − 3 = 10-07 (调休 Saturday, a work day); − 1 = 10-09.
    expect(stages.map((s) => [s.key, s.day])).toEqual([
      ['T-14', '2023-09-26'],
      ['T-7', '2023-09-28'],
      ['T-3', '2023-10-07'],
      ['T-1', '2023-10-09'],
      ['T-0', '2023-10-10'],
    ]);
  });

  it('keeps the nearer stage when two land on one day', () => {
    const days = reminderPolicySchema.parse({ ladder_unit: 'days', ladder: [2, 1, 0] });
    // Due Monday 2023-03-06: T-2 (Sat) and T-1 (Sun) both move to Friday 03-03; T-1 is kept.
    const stages = stagesFor({ due: '2023-03-06', every: null }, days, { through: '2023-03-06' });
    expect(stages.map((s) => [s.key, s.day])).toEqual([
      ['T-1', '2023-03-03'],
      ['T-0', '2023-03-06'],
    ]);
  });
});

describe('overdue and escalation', () => {
  it('repeats every 3 work days and escalates once at 5, counting 调休 days and skipping the holiday', () => {
    const stages = stagesFor(byId('8.4/m1/2023'), policy, { from: '2023-09-29', through: '2023-10-20' });
    // Work days after 9-30: 10-07 (Sat, 调休) 1, 10-08 (Sun, 调休) 2, 10-09 3, 10-10 4, 10-11 5, 10-12 6 …
    expect(stages.map((s) => [s.key, s.day, s.kind, s.escalated])).toEqual([
      ['overdue+3', '2023-10-09', 'overdue', false],
      ['escalate', '2023-10-11', 'escalation', true],
      ['overdue+6', '2023-10-12', 'overdue', true],
      ['overdue+9', '2023-10-17', 'overdue', true],
      ['overdue+12', '2023-10-20', 'overdue', true],
    ]);
  });

  it('follows the policy: escalation after 2 work days, repeats every work day', () => {
    const eager = reminderPolicySchema.parse({
      overdue: { repeat_every_workdays: 1, escalate_after_workdays: 2 },
    });
    expect([1, 2, 3].map((n) => overdueRule(n, eager)?.key)).toEqual(['overdue+1', 'escalate', 'overdue+3']);
  });
});

describe('recurring occurrences get their own ladders', () => {
  it('reminds the quarterly 政金企 meeting on the first work day of each quarter and 10 work days before its end', () => {
    const quarters = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) =>
      stagesFor(byId(`6.2/m1/2023-${q}`), policy, { through: '2023-12-31' }),
    );
    expect(quarters.map((stages) => stages.find((s) => s.key === 'quarter-start')?.day)).toEqual([
      '2023-01-03', // 1-1 and 1-2 are the 元旦 holiday
      '2023-04-03',
      '2023-07-03',
      '2023-10-07', // 10-1 … 10-6 are 国庆; the 调休 Saturday is the quarter's first work day
    ]);
    for (const stages of quarters) {
      const t10 = stages.find((s) => s.key === 'T-10')!;
      const due = stages[0] && byId(`6.2/m1/2023-Q${quarters.indexOf(stages) + 1}`).due;
      expect(workdaysBetween(t10.day, workdayOnOrBefore(due!))).toBe(10);
      expect(stages.filter((s) => s.kind === 'before').map((s) => s.key)).toEqual(['quarter-start', 'T-10']);
    }
  });

  it('reminds the monthly collection 3 work days before each month ends', () => {
    const april = stagesFor(byId('6.2/m2/2023-04'), policy, { through: '2023-04-30' });
    // 4-30 is a Sunday before 劳动节: the month's last work day is 4-28, three before it 4-25.
    expect(april.map((s) => [s.key, s.day])).toEqual([['T-3', '2023-04-25']]);
  });

  it('reminds "每半年…至少1次" 30 days before the half ends', () => {
    expect(
      stagesFor(byId('1.1/m1/2023-H1'), policy, { through: '2023-06-30' }).map((s) => [s.key, s.day]),
    ).toEqual([['T-30', '2023-05-31']]);
    // 12-31 − 30 = 12-01, a Friday.
    expect(stagesFor(byId('1.3/m1/2023-H2'), policy, { through: '2023-12-31' }).map((s) => s.day)).toEqual([
      '2023-12-01',
    ]);
  });
});

describe('work days only', () => {
  const all = occurrences.flatMap((o) => stagesFor(o, policy, YEAR_END).map((s) => ({ ...s, id: o.id })));

  it('puts every stage of every occurrence of the 2023 plan on a work day', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all.filter((s) => !isWorkday(s.day))).toEqual([]);
    expect(all.filter((s) => s.day === '2023-10-02')).toEqual([]);
  });

  it('uses the 调休 Saturday 2023-10-07 as a work day', () => {
    expect(all.filter((s) => s.day === '2023-10-07').map((s) => s.id)).toContain('6.2/m1/2023-Q4');
  });
});

describe('due windows invert the rules (what the sweep asks the store for)', () => {
  const days = daysOf('2023-01-01', '2023-12-31');
  const workdays = days.filter(isWorkday);

  it('a day’s window holds exactly the due dates whose stage falls on that day', () => {
    for (const rule of allBeforeRules(policy)) {
      // A recurring occurrence falls due in its period's last month: only those dates count.
      const possible =
        rule.measure === 'period-start' ? days.filter((d) => Number(d.slice(5, 7)) % 3 === 0) : days;
      const stageDays = new Map(possible.map((due) => [due, stageDay(rule, due)]));
      for (const day of workdays) {
        const window = dueWindow(rule, day);
        const hits = possible.filter((due) => stageDays.get(due) === day);
        const inWindow = window ? possible.filter((d) => d >= window[0] && d <= window[1]) : [];
        expect(inWindow, `${rule.key} on ${day}`).toEqual(hits);
      }
    }
  });

  it('overdue windows hold exactly the due dates with an overdue stage that day', () => {
    for (const day of workdays.filter((_, i) => i % 13 === 0)) {
      const windows = overdueWindows(day, policy, '2023-01-01');
      const inWindow = (d: string) => windows.some(([a, b]) => d >= a && d <= b);
      for (const due of days.filter((d) => d < day)) {
        const stage = stageOn({ due, every: null }, policy, day);
        const overdue = stage?.kind === 'overdue' || stage?.kind === 'escalation';
        expect(inWindow(due), `${due} on ${day}`).toBe(overdue);
      }
    }
  });

  it('never finds a stage on a rest day', () => {
    for (const day of days.filter((d) => !isWorkday(d)).slice(0, 40))
      expect(stageOn({ due: addDays(day, 3), every: null }, policy, day)).toBeUndefined();
  });
});
