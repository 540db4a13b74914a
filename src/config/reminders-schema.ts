import { z } from 'zod';
import { withFix } from './problem.js';
import { clockTime, minutesOf, timeZone } from './scalars.js';

/**
 * `config/reminders.yaml`: when and how often duban reminds. Every key is optional; a missing
 * file means all defaults. Field names are those of the YAML file.
 */

const dayCount = z.int().min(0, withFix('negative', 'count days from 0 (the due day) upwards'));

const overdueSchema = z.strictObject({
  /** After the due day, remind again every N work days… */
  repeat_every_workdays: z.int().min(1, withFix('must be at least 1', 'use 1 for every work day')).default(3),
  /** …and after N work days overdue, also tell the section's 分管领导 (and the leadership chat). */
  escalate_after_workdays: dayCount.default(5),
});

const quietHoursSchema = z.strictObject({
  /** Nothing is sent from `from` until `to` (may wrap midnight); held messages go out at `to`. */
  from: clockTime.default('20:00'),
  to: clockTime.default('08:00'),
});

const weeklyDigestSchema = z.strictObject({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z
    .int()
    .min(1, withFix('not a weekday', 'use 1 (Monday) to 7 (Sunday)'))
    .max(7, withFix('not a weekday', 'use 1 (Monday) to 7 (Sunday)'))
    .default(1),
  at: clockTime.default('09:00'),
});

/**
 * 进展填报: each section with open work is asked once a month, on `day` (the next work day when it
 * is a rest day) at `at`. Off when absent or `off`.
 */
const progressReportSchema = z
  .union([
    z.literal('off'),
    z.literal(false),
    z.strictObject({
      day: z
        .int()
        .min(1, withFix('not a day of the month', 'use 1 to 28'))
        .max(28, withFix('not in every month', 'use 1 to 28, so every month has the day')),
      at: clockTime.default('09:00'),
    }),
  ])
  .optional()
  .transform((value) => (typeof value === 'object' ? value : null));

export const reminderPolicySchema = z
  .strictObject({
    timezone: timeZone.default('Asia/Shanghai'),
    /** Time of day reminders go out. */
    send_at: clockTime.default('09:00'),
    /** Reminders at these distances before the due day; 0 = on the due day. Kept largest first. */
    ladder: z
      .array(dayCount)
      .default([14, 7, 3, 1, 0])
      .transform((days) => [...new Set(days)].sort((a, b) => b - a)),
    ladder_unit: z.enum(['workdays', 'days']).default('workdays'),
    overdue: overdueSchema.prefault({}),
    quiet_hours: quietHoursSchema.prefault({}),
    weekly_digest: weeklyDigestSchema.prefault({}),
    /** When true, a section's 已完成 only marks the task done after an admin also confirms (销号). */
    require_verify: z.boolean().default(false),
    /**
     * Whether the Lark app holds `im:message.group_msg` (an admin must approve it): with it the bot
     * hears every group message, so a plain reply 已完成 reaches it; without it only messages that
     * @ the bot do. Reminder cards tell people to reply accordingly.
     */
    group_messages: z.boolean().default(false),
    progress_report: progressReportSchema,
  })
  .superRefine((policy, ctx) => {
    if (isQuiet(policy.send_at, policy.quiet_hours))
      ctx.addIssue({
        code: 'custom',
        path: ['send_at'],
        message: withFix(
          `${policy.send_at} falls in the quiet hours ${policy.quiet_hours.from}–${policy.quiet_hours.to}`,
          'move send_at or quiet_hours',
        ),
      });
    const progress = policy.progress_report;
    if (progress && isQuiet(progress.at, policy.quiet_hours))
      ctx.addIssue({
        code: 'custom',
        path: ['progress_report', 'at'],
        message: withFix(
          `${progress.at} falls in the quiet hours ${policy.quiet_hours.from}–${policy.quiet_hours.to}`,
          'move progress_report.at or quiet_hours',
        ),
      });
  });

export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;

/** Whether `time` (HH:MM) lies in the quiet hours, which may wrap midnight. */
export function isQuiet(time: string, quiet: { from: string; to: string }): boolean {
  const t = minutesOf(time);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? t >= from && t < to : t >= from || t < to;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = reminderPolicySchema.parse({});
