import express, { type Router } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * duban's Prometheus metrics, one registry per server (no global state: tests start several).
 * Outbox figures are read from the outbox at scrape time rather than mirrored on every send.
 */
export interface Metrics {
  registry: Registry;
  /** Requests to /lark/events by outcome: accepted, challenge, rejected (401/400/413), failed (500). */
  events: Counter<'outcome'>;
  /** Deliveries dropped as duplicates of events already handled. */
  eventsDeduped: Counter;
  commandSeconds: Histogram<'kind'>;
  /** Acknowledged messages and clicks whose handling failed, by kind and error code. */
  handlingFailures: Counter<'kind' | 'code'>;
  /** Errors that escaped every handler and reached the process (should stay 0). */
  unhandled: Counter<'kind'>;
  /** Times the store had lost the plan and this replica synced it again from config/. */
  storeResyncs: Counter;
  remindersSent: Counter<'kind'>;
  remindersFailed: Counter;
  sweeps: Counter<'result'>;
}

export interface OutboxFigures {
  depth(): number;
  counters(): {
    delivered: number;
    failed: number;
    retries: number;
    sharedSlotFallbacks: number;
    failedByCode: Record<string, number>;
  };
}

export function createMetrics(outbox: () => OutboxFigures | undefined): Metrics {
  const registry = new Registry();
  // The default metrics' own names begin with process_ or nodejs_: prefixed, duban_process_cpu_…
  collectDefaultMetrics({ register: registry, prefix: 'duban_' });
  const metrics: Metrics = {
    registry,
    events: new Counter({
      name: 'duban_lark_events_total',
      help: 'Requests to /lark/events by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    eventsDeduped: new Counter({
      name: 'duban_lark_events_deduped_total',
      help: 'Event deliveries dropped because the event or message was already handled',
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: 'duban_command_seconds',
      help: 'Time from a message reaching the bot to its reply being queued',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    handlingFailures: new Counter({
      name: 'duban_handling_failures_total',
      help: 'Acknowledged messages and card clicks whose handling failed, by kind and error code',
      labelNames: ['kind', 'code'],
      registers: [registry],
    }),
    unhandled: new Counter({
      name: 'duban_unhandled_errors_total',
      help: 'Errors no handler caught (logged by the process-level handler)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    storeResyncs: new Counter({
      name: 'duban_store_resyncs_total',
      help: 'Times the store had lost the plan (Redis flushed or restarted empty) and this replica synced it again',
      registers: [registry],
    }),
    remindersSent: new Counter({
      name: 'duban_reminders_sent_total',
      help: 'Reminder messages Lark accepted',
      labelNames: ['kind'],
      registers: [registry],
    }),
    remindersFailed: new Counter({
      name: 'duban_reminders_failed_total',
      help: 'Reminder messages that could not be sent (retried by a later sweep)',
      registers: [registry],
    }),
    sweeps: new Counter({
      name: 'duban_sweeps_total',
      help: 'Reminder sweeps run by this replica',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'duban_outbox_depth',
    help: 'Messages waiting in the outbox',
    registers: [registry],
    collect() {
      this.set(outbox()?.depth() ?? 0);
    },
  });
  new Gauge({
    name: 'duban_outbox_shared_budget_fallbacks',
    help: 'Sends that went ahead on local limits because the shared budget (Redis) did not answer',
    registers: [registry],
    collect() {
      this.set(outbox()?.counters().sharedSlotFallbacks ?? 0);
    },
  });
  new Gauge({
    name: 'duban_lark_api_errors',
    help: 'Lark API failures by error code since start',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, n] of Object.entries(outbox()?.counters().failedByCode ?? {})) this.set({ code }, n);
    },
  });
  return metrics;
}

export function metricsRouter(metrics: Metrics): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
