import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageUuid } from '../../src/lark/outbox/message-uuid.js';
import { compose, messageKey } from '../../src/reminders/compose.js';
import { planDeliveries } from '../../src/reminders/deliveries.js';
import { findDue } from '../../src/reminders/select.js';
import { workdaysBack } from '../../src/reminders/sweep.js';
import { memoryBackend } from '../helpers/reminder-backends.js';
import { type ReminderHarness, reminderHarness } from '../helpers/reminder-harness.js';

/**
 * A rerun after a crash composes what is still owed. Each message's keys are recorded in one
 * step, so what is owed is the first run's messages minus whole messages; composing it again must
 * give the remaining messages the same keys — the same Lark uuids — so Lark drops any that did go
 * out before the crash.
 */
describe('message keys across a rerun', () => {
  let h: ReminderHarness;
  beforeEach(async () => {
    h = await reminderHarness(memoryBackend);
  });
  afterEach(async () => h.cleanup());

  const owedOn = async (today: string) => {
    const days = workdaysBack(today, 2);
    const due = await findDue(h.store, h.config.reminders, days, `${h.config.plan.year}-01-01`);
    return planDeliveries(due, { leadershipChat: true }).deliveries;
  };

  it('gives what is left after some messages were recorded the keys it had in the first run', async () => {
    const today = '2023-09-25';
    const owed = await owedOn(today);
    const first = compose(owed, h.config, today);
    expect(first.length).toBeGreaterThanOrEqual(4);
    // Drop every other message, as if those had been recorded before the process was killed.
    for (const keep of [0, 1]) {
      const recorded = new Set(
        first.filter((_, i) => i % 2 === keep).flatMap((c) => c.deliveries.map((d) => d.key)),
      );
      const rerun = compose(
        owed.filter((d) => !recorded.has(d.key)),
        h.config,
        today,
      );
      const firstKeys = first.filter((_, i) => i % 2 !== keep).map((c) => c.message.key);
      expect(rerun.map((c) => c.message.key)).toEqual(firstKeys);
    }
  });

  it('depends on the deliveries, not their order, and changes when they change', () => {
    const page = (...keys: string[]) => keys.map((key) => ({ key }) as Parameters<typeof messageKey>[3][0]);
    const a = messageKey('reminder', '预算科', '2023-09-25', page('k1', 'k2'));
    expect(messageKey('reminder', '预算科', '2023-09-25', page('k2', 'k1'))).toBe(a);
    expect(messageKey('reminder', '预算科', '2023-09-25', page('k1'))).not.toBe(a);
    expect(messageKey('reminder', '预算科', '2023-09-26', page('k1', 'k2'))).not.toBe(a);
    expect(messageKey('reminder', '国库科', '2023-09-25', page('k1', 'k2'))).not.toBe(a);
    expect(messageUuid(a).length).toBeLessThanOrEqual(50);
  });
});
