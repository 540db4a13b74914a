import type { Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import { findCjkFont } from '../chart/chart-font.js';
import { createChartImage } from '../chart/chart-image.js';
import { ChartRenderer } from '../chart/chart-renderer.js';
import type { Env } from '../config/env.js';
import type { LoadedConfig } from '../config/load-config.js';
import { createEmulatorPage, type EmulatorPage } from '../emulator/page/emulator-page.js';
import { adminRouter } from '../http/admin.js';
import { healthRouter } from '../http/health.js';
import { createMetrics, metricsRouter } from '../http/metrics.js';
import { downloadResource } from '../lark/download-resource.js';
import { withLark } from '../lark/lark-failure.js';
import type { OutboxLimits } from '../lark/outbox.js';
import { uploadFile, uploadImage } from '../lark/upload-resource.js';
import type { LongConnection } from '../lark/ws.js';
import { storeReminderClaims } from '../reminders/claims.js';
import { pastPlanYear, type ReminderScheduler, startScheduler } from '../reminders/scheduler.js';
import type { SweepReport } from '../reminders/sweep.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { type App, createApp } from './app.js';
import { createConfigSource, readConfig } from './config-source.js';
import { attachLarkEvents, connectLark, type LarkConnection, larkTargetOf } from './lark-wiring.js';
import { ledgerLossAlarms, ledgerLostGauge } from './ledger-loss-alarm.js';
import { createLocalLark, type LocalLark } from './local-lark.js';
import { listen, operatorNotices, readinessChecks, sharedLimits, syncIfChanged } from './server-parts.js';
import { createShiftableClock, localModeStart, type ShiftableClock } from './shiftable-clock.js';

export interface ServerOptions {
  env: Env;
  logger: Logger;
  clock?: () => Date;
  /** Run the reminder schedule (default: env.reminders; tests of the conversation turn it off). */
  reminders?: boolean;
  /** Where local mode's clock starts (default: localModeStart, inside the plan's year). */
  localStart?: Date;
  /** Outbox limits other than Lark's, for benches against a stand-in with raised limits. */
  outboxLimits?: Partial<OutboxLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  app: App;
  lark: LarkConnection & { longConnection?: LongConnection };
  /** Local mode's Lark stand-in and keys; undefined when connected to a real Lark app. */
  local?: LocalLark;
  /** Local mode's clock, which the emulator page moves; undefined otherwise. */
  localClock?: ShiftableClock;
  /** The reminder schedule; undefined when muted (REMINDERS=off, or tests that turn it off). */
  schedule?: ReminderScheduler;
  /** One reminder sweep now (on the server's clock), as the schedule would run it. */
  sweepNow(): Promise<SweepReport>;
  config(): LoadedConfig;
  /** Counts an error that escaped every handler (the process-level handler in main.ts calls it). */
  countUnhandled(kind: 'rejection' | 'exception'): void;
  /** Stops schedules, stops taking events, drains the outbox, closes the store. */
  close(drainMs?: number): Promise<void>;
}

/**
 * The composition root's body, in the order things depend on each other: config → store (synced
 * when config changed) → the way out to Lark → the App → the ways in (events, local page, admin,
 * schedule). Bad config or credentials throw before any event is taken; main.ts prints the reason.
 * With a real Lark app the port opens last, with everything mounted; local mode opens it first,
 * because its SDK client talks to the stand-in on that same port.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { env, logger } = options;
  const initial = await readConfig(env);
  const localClock =
    options.clock || env.larkAppId
      ? undefined
      : createShiftableClock(
          Date.now,
          options.localStart ?? localModeStart(initial.plan.year, initial.reminders.timezone, new Date()),
        );
  const clock = options.clock ?? localClock?.now ?? (() => new Date());
  for (const w of initial.warnings) logger.warn({ file: w.file, path: w.path }, w.message);
  const store = await createStore({
    redisUrl: env.redisUrl,
    prefix: env.redisPrefix,
    redis: { mode: env.redisMode },
    year: initial.plan.year,
    timeZone: initial.reminders.timezone,
    clock,
    logger,
  });
  const firstStart = await syncIfChanged(store, initial, logger);

  const web = express();
  web.disable('x-powered-by');
  const local = env.larkAppId ? undefined : createLocalLark(initial);
  let http: Server | undefined;
  if (local) {
    web.use(local.standIn.router);
    http = await listen(web, env.port, env.host);
  }
  const target = larkTargetOf(env, local, http ? portOf(http) : env.port);
  // Lark refusing the credentials, or not reachable at all, is one line for the operator.
  const lark = await withLark(target.domain, () =>
    connectLark(
      {
        ...target,
        outboxLimits: options.outboxLimits,
        // With Redis there may be other replicas: share Lark's send budget through it.
        ...(env.redisUrl
          ? { sharedSlot: (lane: string) => store.sendSlot(lane, sharedLimits(options.outboxLimits)) }
          : {}),
      },
      logger,
    ),
  );

  let scheduler: ReminderScheduler | undefined;
  let resyncedAt: Date | undefined;
  const metrics = createMetrics(() => lark.outbox);
  ledgerLostGauge(metrics.registry, store);
  const configs = createConfigSource({
    env,
    store,
    initial,
    logger,
    // New times of day (send_at, the digest) take effect without a restart.
    onChange: () => scheduler?.reschedule(),
    onResync: (at) => {
      resyncedAt = at;
      metrics.storeResyncs.inc();
    },
  });
  const claims = storeReminderClaims(store);
  // The chart's font is read at the first chart, not here: a missing font costs the chart, not the
  // start. Whether there is one is told now, so the operator need not wait for Monday to learn it.
  try {
    findCjkFont();
  } catch (error) {
    logger.warn(
      { err: error },
      'progress chart: no Chinese font — digests and 进度 will go out without the chart',
    );
  }
  const chart = createChartImage({
    renderer: new ChartRenderer(),
    upload: (png) => uploadImage(lark.client, png),
    logger,
  });
  const app = createApp({
    store,
    configs,
    outbox: lark.outbox,
    claims,
    clock,
    logger,
    metrics,
    chart,
    uploadFile: (file) => uploadFile(lark.client, file),
    resources: {
      download: (messageId, key, kind) => downloadResource(lark.client, messageId, key, kind),
      uploadFile: (file) => uploadFile(lark.client, file),
      uploadImage: (bytes) => uploadImage(lark.client, bytes),
    },
  });

  const emulator: EmulatorPage | undefined = local
    ? createEmulatorPage({
        standIn: local.standIn,
        events: { ...local, url: `http://127.0.0.1:${portOf(http!)}/lark/events` },
        config: () => app.config(),
        now: clock,
        clock: localClock,
        sweepNow: () => app.sweep(clock()),
        listenHost: env.host,
        logger,
      })
    : undefined;
  if (emulator) {
    web.use(emulator.router);
    logger.info(
      { port: portOf(http!) },
      'local mode: no LARK_APP_ID, serving the Lark stand-in on this port',
    );
  }
  const longConnection = attachLarkEvents(
    web,
    target,
    {
      botOpenId: lark.botOpenId,
      claimOnce: (key, ttl) => store.claimOnce(key, ttl),
      releaseClaim: (key) => store.releaseClaim(key),
      onMessage: (inbound) => app.handleMessage(inbound),
      onCardAction: (action) => app.handleCardAction(action),
      onDuplicate: () => metrics.eventsDeduped.inc(),
    },
    logger,
    (outcome) => metrics.events.inc({ outcome }),
  );
  const remindersOn = options.reminders ?? env.reminders;
  web.use(
    healthRouter(
      readinessChecks(store, lark.client, longConnection),
      () =>
        operatorNotices(env, { remindersOn, pastPlanYear: pastPlanYear(app.config(), clock()), resyncedAt }),
      ledgerLossAlarms(store),
    ),
  );
  if (env.adminToken) {
    // Admin answers (export, preview) use the config every replica uses, reloads elsewhere included.
    web.use('/admin', (_req, _res, next) => void app.refreshConfig().then(() => next()));
    web.use(
      adminRouter({
        token: env.adminToken,
        store,
        config: () => app.config(),
        reload: () => app.reload(),
        sweepAt: (at) => app.sweep(at),
        clock,
      }),
    );
  }
  web.use(metricsRouter(metrics));
  http ??= await listen(web, env.port, env.host);
  const port = portOf(http);

  if (!remindersOn) logger.info('reminders muted (REMINDERS=off): only CLI and admin sweeps send');
  const past = pastPlanYear(initial, clock());
  if (past) logger.warn({ planYear: past }, `plan-${past} is for a past year: no reminders are sent`);
  scheduler = remindersOn
    ? startScheduler({
        firstStart,
        store,
        claims,
        send: app.sendReminder,
        config: () => app.config(),
        refreshConfig: () => configs.refresh(),
        clock,
        logger,
      })
    : undefined;

  // A flushed Redis is noticed within seconds even when no event arrives to notice it.
  const storeWatch = setInterval(() => void app.refreshConfig(), STORE_WATCH_MS);
  storeWatch.unref();
  const server = http;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    app,
    lark: { ...lark, ...(longConnection ? { longConnection } : {}) },
    local,
    localClock,
    ...(scheduler ? { schedule: scheduler } : {}),
    config: () => app.config(),
    sweepNow: () => app.sweep(clock()),
    countUnhandled: (kind) => metrics.unhandled.inc({ kind }),
    async close(drainMs = 10_000) {
      // Order matters: stop taking events (Lark retries what we refuse), finish what was
      // acknowledged, send what is queued, and only then let go of the store.
      clearInterval(storeWatch);
      await scheduler?.stop();
      longConnection?.close();
      emulator?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      if (!(await app.settle(drainMs)))
        logger.warn({ pending: app.pending() }, 'shutdown: work still running');
      if (!(await lark.outbox.drain(drainMs)))
        logger.warn({ depth: lark.outbox.depth() }, 'shutdown: outbox not drained');
      await store.close();
    },
  };
}

const STORE_WATCH_MS = 5_000;

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}
