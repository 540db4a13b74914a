import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkdays,
  hasHolidayData,
  holidayName,
  isWorkday,
  workdayOnOrAfter,
  workdayOnOrBefore,
  workdaysBetween,
} from '../../src/plan/workdays.js';

describe('the mainland-China work-day calendar', () => {
  it('knows statutory holidays and 调休 make-up days of 2023', () => {
    expect(isWorkday('2023-10-02')).toBe(false);
    expect(holidayName('2023-10-02')).toBe('国庆节');
    expect(isWorkday('2023-10-07')).toBe(true); // a Saturday, worked in lieu
    expect(isWorkday('2023-10-09')).toBe(true);
    expect(isWorkday('2023-01-28')).toBe(true); // Spring Festival make-up Saturday
    expect(isWorkday('2023-06-24')).toBe(false); // a plain Saturday
    expect(isWorkday('2023-06-22')).toBe(false); // 端午
  });

  it('moves to the work day before or after a rest day', () => {
    expect(workdayOnOrBefore('2023-10-01')).toBe('2023-09-28'); // 9-29 and 9-30 are 中秋/国庆
    expect(workdayOnOrBefore('2023-09-30')).toBe('2023-09-28');
    expect(workdayOnOrAfter('2023-09-29')).toBe('2023-10-07');
    expect(workdayOnOrBefore('2023-06-30')).toBe('2023-06-30');
  });

  it('counts and steps work days across holidays', () => {
    expect(addWorkdays('2023-09-28', 1)).toBe('2023-10-07');
    expect(addWorkdays('2023-10-07', -1)).toBe('2023-09-28');
    expect(addWorkdays('2023-12-29', -3)).toBe('2023-12-26');
    expect(workdaysBetween('2023-09-28', '2023-10-09')).toBe(3); // 10-07 and 10-08 are both make-up days
    expect(workdaysBetween('2023-06-30', '2023-06-30')).toBe(0);
  });

  it('says which years it has holiday data for', () => {
    expect(hasHolidayData(2023)).toBe(true);
    expect(hasHolidayData(2026)).toBe(true);
    expect(hasHolidayData(1999)).toBe(false);
  });
});

describe('workdaysBetween', () => {
  it('agrees with a day-by-day walk across four years of holidays and make-up days', () => {
    // One day-by-day walk, kept as a running count: the work days after a and up to b are
    // counted[b] - counted[a], the same oracle as walking each pair, in one pass instead of 19k.
    const counted = new Map<string, number>();
    let n = 0;
    for (let d = '2022-12-01'; d <= '2027-02-01'; d = addDays(d, 1)) {
      if (isWorkday(d)) n++;
      counted.set(d, n);
    }
    const walk = (a: string, b: string) => counted.get(b)! - counted.get(a)!;
    const days: string[] = [];
    for (let d = '2022-12-01'; d < '2027-02-01'; d = addDays(d, 11)) days.push(d);
    for (const a of days) for (const b of days) expect(workdaysBetween(a, b)).toBe(b <= a ? 0 : walk(a, b));
  });
});
