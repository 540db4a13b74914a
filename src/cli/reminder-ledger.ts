import { planSyncOf } from '../app/plan-sync.js';
import { readEnv } from '../config/env.js';
import type { LoadedConfig } from '../config/load-config.js';
import { isLocalDate } from '../plan/dates.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './command.js';
import { UsageError } from './command.js';
import { openConfigStore } from './config-store.js';

/** The config and ledger `duban preview` and `duban sweep` work from. */
export interface ReminderLedger {
  config: LoadedConfig;
  store: Store;
  persistent: boolean;
}

/**
 * Opens config/ and the store; PLAN_TIMEZONE overrides reminders.yaml's zone as it does for the
 * server. Without REDIS_URL (or before the first `duban sync`) the plan is synced into memory and
 * stderr says the ledger has no confirmations.
 */
export async function openReminderLedger(
  io: CliIo,
  command: string,
  options: { dir?: string; clock?: () => Date } = {},
): Promise<ReminderLedger> {
  const env = readEnv(io.env);
  const opened = await openConfigStore(io, options);
  const timezone = env.planTimezone ?? opened.config.reminders.timezone;
  const config = { ...opened.config, reminders: { ...opened.config.reminders, timezone } };
  const info = opened.persistent ? await opened.store.planInfo() : null;
  if (!opened.persistent) {
    io.err(`note: REDIS_URL is unset — duban ${command} works from the plan alone, with no confirmations\n`);
    await opened.store.syncPlan(planSyncOf(config, `duban ${command}`));
  } else if (info === null) {
    io.err(`warning: nothing synced for ${config.plan.year} yet — run duban sync first\n`);
  } else if (info.version !== config.version) {
    io.err('warning: the store was synced from another version of config/ — run duban sync to update it\n');
  }
  return { config, store: opened.store, persistent: opened.persistent };
}

export function dateFlag(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name} is required, e.g. --${name} 2023-01-01`);
  if (!isLocalDate(value))
    throw new UsageError(`--${name} ${value}: expected a date YYYY-MM-DD, e.g. 2023-01-01`);
  return value;
}

export function instantFlag(name: string, value: string | undefined): Date {
  if (value === undefined)
    throw new UsageError(`--${name} is required, e.g. --${name} 2023-09-28T09:00:00+08:00`);
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
    throw new UsageError(`--${name} ${value}: expected an ISO instant such as 2023-09-28T09:00:00+08:00`);
  return at;
}
