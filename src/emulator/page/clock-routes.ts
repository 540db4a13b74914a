import type { Router } from 'express';
import { z } from 'zod';
import { instantOf, localDateAt, localTimeAt } from '../../reminders/local-time.js';
import { type PageContext, refuse } from './context.js';

/** A clock more than this far from the wall clock counts as moved. */
const SHIFT_TOLERANCE_MS = 2_000;

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/;

const jumpSchema = z.strictObject({
  /** "2023-09-25T09:00" (the plan's time zone) or an ISO instant with its offset. */
  to: z.string().min(1, '缺少 to，例如 "2023-09-25T09:00"'),
});

export interface ClockView {
  /** ISO instant. */
  now: string;
  /** "2023-09-25 09:00" in the plan's time zone. */
  local: string;
  timeZone: string;
  /** Whether the clock was moved away from real time. */
  shifted: boolean;
  /** False when the clock is fixed by whoever started the server. */
  movable: boolean;
}

/** The emulated clock: read it, jump it (and sweep at once, so reminders fire), reset it. */
export function mountClockRoutes(router: Router, ctx: PageContext): void {
  router.get('/emulator/api/clock', (_req, res) => {
    res.json(clockView(ctx));
  });

  router.post('/emulator/api/clock', async (req, res) => {
    if (!ctx.clock) return refuse(res, 409, '时钟由启动者固定，不能调整');
    const parsed = jumpSchema.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, 400, parsed.error.issues.map((i) => i.message).join('；'));
    const instant = instantFrom(parsed.data.to, ctx.config().reminders.timezone);
    if (!instant) return refuse(res, 400, `看不懂时间「${parsed.data.to}」：请写成 2023-09-25T09:00`);
    // Forward only: a chat whose messages went back in time would read as nonsense.
    if (!ctx.clock.jumpTo(instant))
      return refuse(res, 409, `时间只能往后拨：现在已是 ${clockView(ctx).local}`);
    ctx.feed.publish('clock', clockView(ctx));
    const report = await ctx.sweepNow();
    ctx.logger.info(
      { at: report.at, sent: report.sent.length, failed: report.failed.length },
      'emulator: clock moved, reminders swept',
    );
    res.json({
      clock: clockView(ctx),
      sweep: {
        today: report.today,
        skipped: report.skipped,
        sent: report.sent.map((s) => ({
          messageId: s.messageId,
          chatId: s.message.chatId,
          kind: s.message.kind,
          section: s.message.section,
        })),
        failed: report.failed.length,
      },
    });
  });

  router.post('/emulator/api/clock/reset', (_req, res) => {
    if (!ctx.clock) return refuse(res, 409, '时钟由启动者固定，不能调整');
    ctx.clock.reset();
    const view = clockView(ctx);
    ctx.feed.publish('clock', view);
    res.json({ clock: view });
  });
}

export function clockView(ctx: PageContext): ClockView {
  const now = ctx.now();
  const timeZone = ctx.config().reminders.timezone;
  return {
    now: now.toISOString(),
    local: `${localDateAt(now, timeZone)} ${localTimeAt(now, timeZone)}`,
    timeZone,
    shifted: Math.abs(now.getTime() - Date.now()) > SHIFT_TOLERANCE_MS,
    movable: ctx.clock !== undefined,
  };
}

function instantFrom(text: string, timeZone: string): Date | undefined {
  const wall = WALL_TIME.exec(text.trim());
  if (wall) {
    const [, day, time] = wall as unknown as [string, string, string];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const real = new Date(Date.UTC(y, m - 1, d));
    if (hh > 23 || mm > 59 || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) return undefined;
    return instantOf(day, time, timeZone);
  }
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
