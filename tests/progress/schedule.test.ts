import { describe, expect, it } from 'vitest';
import { reminderPolicySchema } from '../../src/config/reminders-schema.js';
import { progressMonthDue, progressRequestDay } from '../../src/progress/schedule.js';
import { dailyTimes } from '../../src/reminders/scheduler.js';

const on = reminderPolicySchema.parse({ progress_report: { day: 25, at: '09:00' } });
const off = reminderPolicySchema.parse({});

describe('when the monthly progress request is owed', () => {
  it('goes out on the day, or the next work day when the day is a rest day', () => {
    expect(progressRequestDay('2023-10', 25)).toBe('2023-10-25'); // a Wednesday
    expect(progressRequestDay('2023-11', 25)).toBe('2023-11-27'); // Saturday → Monday
    expect(progressRequestDay('2023-09', 28)).toBe('2023-09-28');
  });

  it('is owed from its time on its day for two more work days, never before and never when off', () => {
    expect(progressMonthDue('2023-11-24', '09:00', on, 2)).toBeNull();
    expect(progressMonthDue('2023-11-27', '08:59', on, 2)).toBeNull();
    expect(progressMonthDue('2023-11-27', '09:00', on, 2)).toBe('2023-11');
    expect(progressMonthDue('2023-11-29', '17:00', on, 2)).toBe('2023-11');
    expect(progressMonthDue('2023-11-30', '09:00', on, 2)).toBeNull();
    expect(progressMonthDue('2023-11-27', '09:00', off, 2)).toBeNull();
  });

  it('is the previous month’s when its day was pushed into this month', () => {
    const late = reminderPolicySchema.parse({ progress_report: { day: 28, at: '09:00' } });
    // 2021-02-28 is a Sunday: February's request goes out on Monday 1 March.
    expect(progressRequestDay('2021-02', 28)).toBe('2021-03-01');
    expect(progressMonthDue('2021-03-01', '10:00', late, 2)).toBe('2021-02');
    expect(progressMonthDue('2021-03-26', '10:00', late, 2)).toBeNull();
  });

  it('adds its time to the daily schedule only when on', () => {
    const later = reminderPolicySchema.parse({ progress_report: { day: 25, at: '10:30' } });
    expect(dailyTimes(later)).toEqual(['09:00', '10:30']);
    expect(dailyTimes(on)).toEqual(['09:00']);
    expect(dailyTimes(off)).toEqual(['09:00']);
  });
});
