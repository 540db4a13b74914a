import { MemoryReminderClaims } from '../../src/reminders/claims.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { ReminderBackend } from './reminder-harness.js';

/** Every replica shares the one MemoryStore and claim table: in-process "replicas". */
export const memoryBackend: ReminderBackend = {
  name: 'MemoryStore',
  async open(options) {
    const store = new MemoryStore(options);
    const claims = new MemoryReminderClaims(options.clock ?? (() => new Date()));
    return { store, claims, replica: async () => ({ store, claims }), cleanup: async () => {} };
  },
};

/** The backends the reminder tests run on: memory always, real Redis when it answers. */
export async function reminderBackends(): Promise<ReminderBackend[]> {
  return [memoryBackend];
}
