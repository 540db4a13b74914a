import type { Server } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { BotDeps } from '../bot/context.js';
import type { Env } from '../config/env.js';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { createEmulatorPage } from '../emulator/page/emulator-page.js';
import { adminRouter } from '../http/admin.js';
import { healthRouter } from '../http/health.js';
import { createMetrics, metricsRouter } from '../http/metrics.js';
import { OUTBOX_LIMITS, type OutboxLimits } from '../lark/outbox.js';
import { storeReminderClaims } from '../reminders/claims.js';
import type { OutgoingReminder } from '../reminders/outgoing.js';
import { type ReminderScheduler, startScheduler } from '../reminders/scheduler.js';
import { type SweepReport, sweep } from '../reminders/sweep.js';
import { createStore } from '../store/create-store.js';
import type { SendLimits, Store } from '../store/store.js';
import { type AnswerDeps, answerCardAction, answerMessage } from './answer-message.js';
import { deliverReminder } from './deliver-reply.js';
import { createInFlight } from './in-flight.js';
import { type LarkWiring, larkTargetOf, wireLark } from './lark-wiring.js';
import { createLocalLark, type LocalLark } from './local-lark.js';
import { planSyncOf } from './plan-sync.js';
import { createShiftableClock, type ShiftableClock } from './shiftable-clock.js';

export interface ServerOptions {
  env: Env;
  logger: Logger;
  clock?: () => Date;
  /** Run the reminder schedule (default: env.reminders; tests of the conversation turn it off). */
  reminders?: boolean;
  /** Outbox limits other than Lark's, for benches against a stand-in with raised limits. */
  outboxLimits?: Partial<OutboxLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  lark: LarkWiring;
  /** Local mode's Lark stand-in and keys; undefined when connected to a real Lark app. */
  local?: LocalLark;
  /** Local mode's clock, which the emulator page moves; undefined otherwise. */
  localClock?: ShiftableClock;
  /** One reminder sweep now (on the server's clock), as the schedule would run it. */
  sweepNow(): Promise<SweepReport>;
  config(): LoadedConfig;
  /** Counts an error that escaped every handler (the process-level handler in main.ts calls it). */
  countUnhandled(kind: 'rejection' | 'exception'): void;
  /** Stops schedules, stops taking events, drains the outbox, closes the store. */
  close(drainMs?: number): Promise<void>;
}

/**
 * The composition root's body: config → store (synced when config changed) → Lark (real or the
 * local stand-in) → bot and reminders → HTTP. Bad config or credentials throw before listening
 * for events; main.ts prints the reason.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { env, logger } = options;
  const localClock = options.clock || env.larkAppId ? undefined : createShiftableClock();
  const clock = options.clock ?? localClock?.now ?? (() => new Date());
  let config = withEnvTimezone(await loadConfig(env.configDir), env);
  for (const w of config.warnings) logger.warn({ file: w.file, path: w.path }, w.message);
  const store = await createStore({
    redisUrl: env.redisUrl,
    prefix: env.redisPrefix,
    redis: { mode: env.redisMode },
    year: config.plan.year,
    timeZone: config.reminders.timezone,
    clock,
    logger,
  });
  await syncIfChanged(store, config, logger);

  const app = express();
  app.disable('x-powered-by');
  const http = await listen(app, env.port, env.host);
  const port = (http.address() as { port: number }).port;
  const local = env.larkAppId ? undefined : createLocalLark(config);
  const emulator = local
    ? createEmulatorPage({
        standIn: local.standIn,
        events: { ...local, url: `http://127.0.0.1:${port}/lark/events` },
        config: () => config,
        now: clock,
        clock: localClock,
        sweepNow: () => sweepNow(),
        listenHost: env.host,
        logger,
      })
    : undefined;
  if (local) {
    app.use(local.standIn.router);
    app.use(emulator!.router);
    logger.info({ port }, 'local mode: no LARK_APP_ID, serving the Lark stand-in on this port');
  }

  // Declared before reload, which reschedules it; started once Lark is wired.
  let scheduler: ReminderScheduler | undefined;
  const reload = async () => {
    const next = withEnvTimezone(await loadConfig(env.configDir), env);
    const result = await store.syncPlan(planSyncOf(next, 'reload'));
    config = next;
    scheduler?.reschedule();
    return result.changed
      ? `已同步（新增 ${result.added.length}，更新 ${result.updated.length}，归档 ${result.archived.length}）`
      : '计划无变化';
  };
  const deps: BotDeps = { store, config: () => config, clock, reload };
  const inFlight = createInFlight();
  let lark: LarkWiring | undefined;
  const metrics = createMetrics(() => lark?.outbox);
  const answerDeps = (): AnswerDeps => ({ bot: deps, outbox: lark!.outbox, logger, metrics });
  lark = await wireLark(
    app,
    {
      ...larkTargetOf(env, local, port),
      outboxLimits: options.outboxLimits,
      // With Redis there may be other replicas: share Lark's send budget through it.
      ...(env.redisUrl
        ? { sharedSlot: (lane: string) => store.sendSlot(lane, sharedLimits(options.outboxLimits)) }
        : {}),
    },
    {
      claimOnce: (key, ttl) => store.claimOnce(key, ttl),
      onMessage: async (inbound) => void (await inFlight.track(answerMessage(inbound, answerDeps()))),
      onCardAction: (action) => inFlight.track(answerCardAction(action, answerDeps())),
      onDuplicate: () => metrics.eventsDeduped.inc(),
    },
    logger,
    (outcome) => metrics.events.inc({ outcome }),
  );
  const claims = storeReminderClaims(store);
  const send = async (message: OutgoingReminder) => {
    try {
      const sent = await deliverReminder(lark!.outbox, message);
      metrics.remindersSent.inc({ kind: message.kind });
      return sent;
    } catch (error) {
      metrics.remindersFailed.inc();
      throw error;
    }
  };
  const sweepAt = (at: Date) => sweep(at, { store, claims, send, config, logger });
  const remindersOn = options.reminders ?? env.reminders;
  app.use(healthRouter(readinessChecks(store, lark), () => operatorNotices(env, remindersOn)));
  if (env.adminToken)
    app.use(adminRouter({ token: env.adminToken, store, config: () => config, reload, sweepAt }));
  app.use(metricsRouter(metrics));

  if (!remindersOn) logger.info('reminders muted (REMINDERS=off): only CLI and admin sweeps send');
  scheduler = remindersOn
    ? startScheduler({ store, claims, send, config: () => config, clock, logger })
    : undefined;

  const sweepNow = () => sweepAt(clock());
  const wired = lark;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    lark: wired,
    local,
    localClock,
    config: () => config,
    sweepNow,
    countUnhandled: (kind) => metrics.unhandled.inc({ kind }),
    async close(drainMs = 10_000) {
      // Order matters: stop taking events (Lark retries what we refuse), finish what was
      // acknowledged, send what is queued, and only then let go of the store.
      await scheduler?.stop();
      wired.longConnection?.close();
      emulator?.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await closed;
      if (!(await inFlight.settle(drainMs)))
        logger.warn({ pending: inFlight.size() }, 'shutdown: work still running');
      if (!(await wired.outbox.drain(drainMs)))
        logger.warn({ depth: wired.outbox.depth() }, 'shutdown: outbox not drained');
      await store.close();
    },
  };
}

/** Syncs at start only when config changed since the last sync (its version hash). */
async function syncIfChanged(store: Store, config: LoadedConfig, logger: Logger): Promise<void> {
  const info = await store.planInfo();
  if (info?.version === config.version) {
    logger.info({ version: config.version.slice(0, 12) }, 'plan unchanged since the last sync');
    return;
  }
  const result = await store.syncPlan(planSyncOf(config, 'server start'));
  logger.info(
    { added: result.added.length, updated: result.updated.length, archived: result.archived.length },
    'plan synced',
  );
}

/** The outbox's own limits, as the budget every replica draws from. */
function sharedLimits(overrides: Partial<OutboxLimits> | undefined): SendLimits {
  const limits = { ...OUTBOX_LIMITS, ...overrides };
  return {
    appPerSecond: limits.appPerSecond,
    appPerMinute: limits.appPerMinute,
    lanePerSecond: limits.lanePerSecond,
  };
}

function withEnvTimezone(config: LoadedConfig, env: Env): LoadedConfig {
  return env.planTimezone
    ? { ...config, reminders: { ...config.reminders, timezone: env.planTimezone } }
    : config;
}

function operatorNotices(env: Env, remindersOn: boolean): string[] {
  const notices: string[] = [];
  if (!remindersOn) notices.push('reminders muted (REMINDERS=off): only CLI and admin sweeps send');
  if (env.larkAppId && env.larkAllowUnsigned && !env.larkEncryptKey && env.larkEventMode === 'webhook')
    notices.push(
      'events are unsigned (LARK_ALLOW_UNSIGNED=1, no LARK_ENCRYPT_KEY): no signature, timestamp or replay check',
    );
  return notices;
}

function readinessChecks(store: Store, lark: LarkWiring) {
  const checks = [
    { name: 'store', check: () => store.ping() },
    // Config is checked before anything listens; reaching this answer means it loaded.
    { name: 'config', check: async () => {} },
    { name: 'lark', check: async () => void (await lark.client.sdk.tokenManager.getTenantAccessToken()) },
  ];
  const ws = lark.longConnection;
  if (ws) {
    // In ws mode no event arrives without the socket: a replica without one must not count as ready.
    checks.push({
      name: 'lark-long-connection',
      check: async () => {
        if (!ws.connected()) throw new Error('long connection not open (reconnecting)');
      },
    });
  }
  return checks;
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
