import type { Server } from 'node:http';
import type express from 'express';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { LoadedConfig } from '../config/load-config.js';
import { DubanError } from '../errors.js';
import type { ReadinessCheck } from '../http/health.js';
import type { LarkClient } from '../lark/client.js';
import { OUTBOX_LIMITS, type OutboxLimits } from '../lark/outbox.js';
import type { LongConnection } from '../lark/ws.js';
import type { PlanStore, SendLimits, Store } from '../store/store.js';
import { planSyncOf } from './plan-sync.js';

/**
 * Syncs at start only when config changed since the last sync (its version hash). Answers whether
 * the store held no plan at all: a first start (or a store that lost everything), when the
 * start-up sweep must not send the plan's whole past at once.
 */
export async function syncIfChanged(
  store: PlanStore,
  config: LoadedConfig,
  logger: Logger,
): Promise<boolean> {
  const info = await store.planInfo();
  if (info?.version === config.version) {
    logger.info({ version: config.version.slice(0, 12) }, 'plan unchanged since the last sync');
    return false;
  }
  const result = await store.syncPlan(planSyncOf(config, 'server start'));
  logger.info(
    { added: result.added.length, updated: result.updated.length, archived: result.archived.length },
    'plan synced',
  );
  return info === null;
}

/** The outbox's own limits, as the budget every replica draws from. */
export function sharedLimits(overrides: Partial<OutboxLimits> | undefined): SendLimits {
  const limits = { ...OUTBOX_LIMITS, ...overrides };
  return {
    appPerSecond: limits.appPerSecond,
    appPerMinute: limits.appPerMinute,
    lanePerSecond: limits.lanePerSecond,
  };
}

/** Conditions that do not stop routing but that an operator chose and should see in /readyz. */
export function operatorNotices(
  env: Env,
  state: { remindersOn: boolean; pastPlanYear?: number; resyncedAt?: Date },
): string[] {
  const notices: string[] = [];
  if (!state.remindersOn) notices.push('reminders muted (REMINDERS=off): only CLI and admin sweeps send');
  if (state.pastPlanYear !== undefined)
    notices.push(
      `plan-${state.pastPlanYear} is for a past year: no reminders are sent (put next year's plan-YYYY.yaml in config/)`,
    );
  if (state.resyncedAt)
    notices.push(
      `the store lost the plan and it was synced again at ${state.resyncedAt.toISOString()}: confirmations made before then are gone unless restored from a backup`,
    );
  if (env.larkAppId && env.larkAllowUnsigned && !env.larkEncryptKey && env.larkEventMode === 'webhook')
    notices.push(
      'events are unsigned (LARK_ALLOW_UNSIGNED=1, no LARK_ENCRYPT_KEY): no signature, timestamp or replay check',
    );
  return notices;
}

export function readinessChecks(
  store: Store,
  client: LarkClient,
  longConnection: LongConnection | undefined,
): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'store', check: () => store.ping() },
    // Config is checked before anything listens; reaching this answer means it loaded.
    { name: 'config', check: async () => {} },
    { name: 'lark', check: async () => void (await client.sdk.tokenManager.getTenantAccessToken()) },
  ];
  if (longConnection) {
    // In ws mode no event arrives without the socket: a replica without one must not count as ready.
    checks.push({
      name: 'lark-long-connection',
      check: async () => {
        if (!longConnection.connected()) throw new Error('long connection not open (reconnecting)');
      },
    });
  }
  return checks;
}

/** Listens, or says plainly why not (a taken port is the usual reason). */
export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        reject(
          new DubanError(
            'config',
            `cannot listen on ${host}:${port} (${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}): set PORT to a free port, or stop what holds it`,
            { badInput: true, cause: error },
          ),
        );
      else reject(error);
    });
  });
}
