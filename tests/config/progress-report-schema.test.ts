import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { formatProblem } from '../../src/config/problem.js';
import { reminderPolicySchema } from '../../src/config/reminders-schema.js';
import { parseWith } from '../../src/config/zod-problems.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

function problems(data: unknown): string[] {
  const result = parseWith(reminderPolicySchema, data, 'reminders.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('reminders.yaml progress_report', () => {
  it('is off when absent, off or false, and on with a day (at defaults to 09:00)', () => {
    expect(reminderPolicySchema.parse({}).progress_report).toBeNull();
    expect(reminderPolicySchema.parse({ progress_report: 'off' }).progress_report).toBeNull();
    expect(reminderPolicySchema.parse({ progress_report: false }).progress_report).toBeNull();
    expect(reminderPolicySchema.parse({ progress_report: { day: 25 } }).progress_report).toEqual({
      day: 25,
      at: '09:00',
    });
  });

  it('is off in the shipped config', async () => {
    expect((await loadConfig(CONFIG_DIR)).reminders.progress_report).toBeNull();
  });

  it('refuses a day not in every month, a bad time, an unknown key and a time in quiet hours', () => {
    expect(problems({ progress_report: { day: 31 } })).toEqual([
      'reminders.yaml: progress_report.day: not in every month — use 1 to 28, so every month has the day',
    ]);
    expect(problems({ progress_report: { day: 25, at: '21:00' } })).toEqual([
      'reminders.yaml: progress_report.at: 21:00 falls in the quiet hours 20:00–08:00 — move progress_report.at or quiet_hours',
    ]);
    expect(problems({ progress_report: { day: 25, when: '09:00' } })).toHaveLength(1);
    expect(problems({ progress_report: 'monthly' })).toHaveLength(1);
  });
});
