import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import { planSyncOf } from './plan-sync.js';

/**
 * The config this replica works from, kept in step with every other replica. The store holds the
 * version of the last sync (a hash of config/'s files); a reload on any replica syncs and so
 * changes it, and each replica that sees a version other than its own re-reads config/ — on the
 * next event or sweep, at most once per `checkEveryMs`.
 */
export interface ConfigSource {
  current(): LoadedConfig;
  /** "重载配置": re-read config/, sync the plan, use it here; a one-line summary in Chinese. */
  reload(by: string): Promise<string>;
  /** Catches up with a reload made on another replica (cheap: one store read, throttled). */
  refresh(): Promise<void>;
}

export interface ConfigSourceOptions {
  env: Pick<Env, 'configDir' | 'planTimezone'>;
  store: Pick<Store, 'planInfo' | 'syncPlan' | 'audit' | 'markLedgerLost'>;
  initial: LoadedConfig;
  logger: Logger;
  clock?: () => number;
  checkEveryMs?: number;
  /** Called after the config in use changed (the scheduler re-reads its times of day). */
  onChange?: (next: LoadedConfig) => void;
  /**
   * Called when the store had lost the plan (Redis flushed or restarted empty) and it was synced
   * again; `ledgerLost` when the audit stream had gone with it (ledger-loss.ts).
   */
  onResync?: (at: Date, ledgerLost: boolean) => void;
}

export function createConfigSource(options: ConfigSourceOptions): ConfigSource {
  const { env, store, logger } = options;
  const clock = options.clock ?? Date.now;
  const checkEveryMs = options.checkEveryMs ?? 2_000;
  let config = options.initial;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | undefined;

  const use = (next: LoadedConfig) => {
    const changed = next.version !== config.version;
    config = next;
    if (changed) options.onChange?.(next);
  };

  const refreshNow = async () => {
    const synced = await store.planInfo();
    if (!synced) {
      // The plan was synced before this replica started, so an empty store lost it: without it
      // every question finds nothing. Put it back from config/ (any replica may; it is idempotent).
      // Every sync writes to the audit stream, so an empty stream now means the ledger went too —
      // read before the resync, which writes the first entry of a new one.
      const ledgerLost = (await store.audit({ limit: 1 })).length === 0;
      await store.syncPlan(planSyncOf(config, 'resync: the store had lost the plan'));
      logger.error(
        'the store had lost the plan (Redis flushed or restarted empty): synced it again from config/',
      );
      if (ledgerLost) await markLedgerLost(store, logger);
      options.onResync?.(new Date(clock()), ledgerLost);
      return;
    }
    if (synced.version === config.version) return;
    const onDisk = await readConfig(env);
    if (onDisk.version !== synced.version) {
      // Another replica synced files this one does not have: keep what we have, loudly.
      logger.warn(
        { synced: synced.version.slice(0, 12), onDisk: onDisk.version.slice(0, 12) },
        'the synced config differs from this replica’s config/ — mount the same files on every replica',
      );
    }
    if (onDisk.version !== config.version) {
      logger.info({ version: onDisk.version.slice(0, 12) }, 'config reloaded after a reload elsewhere');
      use(onDisk);
    }
  };

  return {
    current: () => config,
    async reload(by) {
      const next = await readConfig(env);
      const result = await store.syncPlan(planSyncOf(next, by));
      use(next);
      checkedAt = clock();
      return result.changed
        ? `已同步（新增 ${result.added.length}，更新 ${result.updated.length}，归档 ${result.archived.length}）`
        : '计划无变化';
    },
    async refresh() {
      if (clock() - checkedAt < checkEveryMs) return;
      checkedAt = clock();
      refreshing ??= refreshNow().finally(() => {
        refreshing = undefined;
      });
      await refreshing;
    },
  };
}

/** Marks the loss for every replica, once (whoever notices first), and says so in the log. */
async function markLedgerLost(store: Pick<Store, 'markLedgerLost'>, logger: Logger): Promise<void> {
  const first = await store.markLedgerLost();
  logger.error(
    { first },
    '账本丢失：确认、销号和审计记录随 Redis 一起清空了。请从最近的 duban export 或 AOF 备份恢复（docs/部署指南.md 第 18 节），再由管理员确认 — the ledger was lost with the plan: restore it from a backup, then acknowledge it',
  );
}

/** config/ as the server uses it: PLAN_TIMEZONE overriding reminders.yaml. */
export async function readConfig(env: Pick<Env, 'configDir' | 'planTimezone'>): Promise<LoadedConfig> {
  const config = await loadConfig(env.configDir);
  return env.planTimezone
    ? { ...config, reminders: { ...config.reminders, timezone: env.planTimezone } }
    : config;
}
