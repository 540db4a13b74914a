import { resolve } from 'node:path';
import { configDirFrom, readEnv } from '../config/env.js';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './command.js';

/** What the store-backed commands (sync, export, …) open: the config and the store for its plan year. */
export interface ConfigStore {
  config: LoadedConfig;
  store: Store;
  /** False when REDIS_URL is unset and the store is the empty in-memory one. */
  persistent: boolean;
  /** The plan's time zone the store reads dates in (PLAN_TIMEZONE, else reminders.yaml). */
  timeZone: string;
}

/**
 * Loads config/ (`dir`, else CONFIG_DIR) and opens the store REDIS_URL names for the plan's year,
 * in the plan's time zone. Bad config or env throw ConfigError (exit 2); an unreachable Redis
 * throws StoreUnavailableError.
 */
export async function openConfigStore(
  io: CliIo,
  options: { dir?: string; clock?: () => Date } = {},
): Promise<ConfigStore> {
  const env = readEnv(io.env);
  const config = await loadConfig(resolve(io.cwd, options.dir ?? configDirFrom(io.env)));
  const timeZone = env.planTimezone ?? config.reminders.timezone;
  const store = await createStore({
    redisUrl: env.redisUrl,
    prefix: env.redisPrefix,
    year: config.plan.year,
    timeZone,
    clock: options.clock,
    // A CLI sync or export of a large plan is one long script or read: not an outage.
    redis: { mode: env.redisMode, commandTimeoutMs: 120_000 },
  });
  return { config, store, persistent: env.redisUrl !== undefined, timeZone };
}
