import type { OutgoingReminder, SendReminder } from '../../src/reminders/outgoing.js';

/**
 * The outbox as the reminders see it, in memory: records every message it accepts and answers
 * with a message id. `failNext` makes sends reject (Lark refused); `hang` makes them never settle
 * (the process died mid-send).
 */
export interface FakeReminderSender {
  send: SendReminder;
  sent: { messageId: string; message: OutgoingReminder }[];
  failNext(count: number, error?: string): void;
  hang(on: boolean): void;
  clear(): void;
}

export function fakeReminderSender(prefix = 'om_rem'): FakeReminderSender {
  const sent: FakeReminderSender['sent'] = [];
  let failures = 0;
  let failure = 'Lark said no';
  let hanging = false;
  let seq = 0;
  return {
    sent,
    async send(message) {
      if (hanging) return new Promise<never>(() => {});
      if (failures > 0) {
        failures--;
        throw new Error(failure);
      }
      const messageId = `${prefix}_${++seq}`;
      sent.push({ messageId, message });
      return { messageId };
    },
    failNext(count, error = 'Lark said no') {
      failures = count;
      failure = error;
    },
    hang(on) {
      hanging = on;
    },
    clear() {
      sent.length = 0;
    },
  };
}
