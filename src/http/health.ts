import express, { type Router } from 'express';

/** One thing /readyz checks; `check` throws (with a message naming the problem) when degraded. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 1500;

/**
 * Something wrong that routing elsewhere would not cure and that needs a person: every replica
 * reports it (it lives in the store), with its own `status`, until someone clears it.
 */
export interface ReadinessAlarm {
  /** The answer's status instead of 'ready', e.g. 'ledger-lost'. */
  status: string;
  /** What happened and what to do, Chinese first. */
  detail: string;
}

/**
 * `/healthz`: the process is up. `/readyz`: every dependency answers — each degraded one is named
 * with its reason, and the answer is 503 so a load balancer stops routing here. Notices are
 * conditions that do not stop routing but that an operator chose and should see. Alarms stay 200 —
 * every replica has them, so taking one out of rotation helps nobody, and the bot must still take
 * the admin's acknowledgement — but replace the 'ready' status so a monitor sees them.
 */
export function healthRouter(
  checks: ReadinessCheck[],
  notices: () => string[] = () => [],
  alarms: () => Promise<ReadinessAlarm[]> = async () => [],
): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [results, raised] = await Promise.all([
      Promise.all(checks.map(async (c) => [c.name, await outcome(c)] as const)),
      alarmsWithin(alarms),
    ]);
    const failed = results.filter(([, r]) => r !== 'ok');
    const notes = notices();
    res.status(failed.length === 0 ? 200 : 503).json({
      status: failed.length > 0 ? 'degraded' : (raised[0]?.status ?? 'ready'),
      checks: Object.fromEntries(results),
      ...(raised.length > 0 ? { alarms: raised } : {}),
      // Ready, but an operator should know: muted reminders, unsigned events.
      ...(notes.length > 0 ? { notices: notes } : {}),
    });
  });
  return router;
}

/** Alarms read from the store: when it does not answer, its check says so and there are none to add. */
async function alarmsWithin(alarms: () => Promise<ReadinessAlarm[]>): Promise<ReadinessAlarm[]> {
  let raised: ReadinessAlarm[] = [];
  const read = await outcome({
    name: 'alarms',
    check: async () => {
      raised = await alarms();
    },
  });
  return read === 'ok' ? raised : [];
}

async function outcome(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([check.check().then(() => 'ok'), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
