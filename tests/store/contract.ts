import { afterEach, beforeEach } from 'vitest';
import { expandOccurrences } from '../../src/plan/occurrences.js';
import type { Plan } from '../../src/plan/types.js';
import type { PlanSync, Store, StoreOptions, SyncResult } from '../../src/store/store.js';
import { expandFixtureSections, fixturePlan } from '../helpers/plan-fixture.js';
import { ledgerContract } from './contract-ledger.js';
import { ledgerLossContract } from './contract-ledger-loss.js';
import { occurrencesContract } from './contract-occurrences.js';
import { planContract } from './contract-plan.js';
import { primitivesContract } from './contract-primitives.js';
import { progressContract } from './contract-progress.js';
import { reminderClaimsContract } from './contract-reminder-claims.js';

/**
 * The behaviour every Store must have, run against MemoryStore (memory.test.ts) and RedisStore
 * on a real server (redis.test.ts). Each test gets a store of its own, a clock it moves, and
 * helpers to sync plans.
 */
export interface StoreFactory {
  /** A store over a namespace of its own (a fresh key prefix for Redis). */
  create(options: StoreOptions): Promise<Store>;
  /** A second store over the same namespace as the last create(): another replica. */
  replica(options: StoreOptions): Promise<Store>;
  /** Closes the stores and deletes what they wrote. */
  cleanup(): Promise<void>;
}

export interface ContractContext {
  store: Store;
  replica(): Promise<Store>;
  setNow(iso: string): void;
  now(): string;
  sync(plan?: Plan, version?: string, store?: Store): Promise<SyncResult>;
}

/** 2023-05-10 10:00 in Shanghai: after the Q1 milestones, before the Q2 ones. */
export const START = '2023-05-10T02:00:00.000Z';

export function syncInput(plan: Plan, version: string): PlanSync {
  return {
    plan,
    occurrences: expandOccurrences(plan, expandFixtureSections),
    version,
    expandSections: expandFixtureSections,
    by: 'tester',
  };
}

export function storeContract(factory: StoreFactory): void {
  const ctx = {} as ContractContext;
  let now = new Date(START);
  const options = (): StoreOptions => ({ year: 2023, clock: () => now, timeZone: 'Asia/Shanghai' });

  beforeEach(async () => {
    now = new Date(START);
    ctx.store = await factory.create(options());
    ctx.replica = () => factory.replica(options());
    ctx.setNow = (iso) => {
      now = new Date(iso);
    };
    ctx.now = () => now.toISOString();
    ctx.sync = (plan = fixturePlan(), version = 'v1', store = ctx.store) =>
      store.syncPlan(syncInput(plan, version));
  });
  afterEach(() => factory.cleanup());

  planContract(ctx);
  occurrencesContract(ctx);
  ledgerContract(ctx);
  primitivesContract(ctx);
  reminderClaimsContract(ctx);
  progressContract(ctx);
  ledgerLossContract(ctx);
}
