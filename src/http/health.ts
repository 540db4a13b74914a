import express, { type Router } from 'express';

/** One thing /readyz checks; `check` throws (with a message naming the problem) when degraded. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 1500;

/**
 * `/healthz`: the process is up. `/readyz`: every dependency answers — each degraded one is named
 * with its reason, and the answer is 503 so a load balancer stops routing here. Notices are
 * conditions that do not stop routing but that an operator chose and should see.
 */
export function healthRouter(checks: ReadinessCheck[], notices: () => string[] = () => []): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await outcome(c)] as const));
    const failed = results.filter(([, r]) => r !== 'ok');
    const notes = notices();
    res.status(failed.length === 0 ? 200 : 503).json({
      status: failed.length === 0 ? 'ready' : 'degraded',
      checks: Object.fromEntries(results),
      // Ready, but an operator should know: muted reminders, unsigned events.
      ...(notes.length > 0 ? { notices: notes } : {}),
    });
  });
  return router;
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
