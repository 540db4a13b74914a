import type { LoadedConfig } from '../config/load-config.js';
import { expandSections } from '../config/sections.js';
import { expandOccurrences } from '../plan/occurrences.js';
import type { PlanSync } from '../store/store.js';

/**
 * The plan of `config` ready to sync: occurrences with "各科室" expanded through org.yaml.
 * Shared by `duban sync`, the server's sync at start and the admin's "重载配置".
 */
export function planSyncOf(config: LoadedConfig, by: string): PlanSync {
  const expand = (names: string[]) => expandSections(names, config.org);
  return {
    plan: config.plan,
    occurrences: expandOccurrences(config.plan, expand),
    version: config.version,
    expandSections: expand,
    by,
  };
}
