import { type LongConnectionAnswer, messageIdOf, readAnswer } from './delivery.js';
import type { Frame } from './frames.js';

interface Pending {
  connectionId: string;
  resolve(answer: LongConnectionAnswer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Deliveries waiting for the client's answer, paired by the frame's `message_id`. A delivery ends
 * one way only: answered, timed out, or its connection closed.
 */
export class PendingAnswers {
  private readonly waiting = new Map<string, Pending>();

  expect(messageId: string, connectionId: string, timeoutMs: number): Promise<LongConnectionAnswer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(messageId);
        reject(new Error(`${connectionId} did not answer event ${messageId} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.waiting.set(messageId, { connectionId, resolve, reject, timer });
    });
  }

  /** Settles the delivery `frame` answers; false when it answers nothing sent on this connection. */
  settle(connectionId: string, frame: Frame): boolean {
    const messageId = messageIdOf(frame);
    const pending = messageId === undefined ? undefined : this.waiting.get(messageId);
    if (!pending || pending.connectionId !== connectionId) return false;
    this.waiting.delete(messageId!);
    clearTimeout(pending.timer);
    try {
      pending.resolve(readAnswer(frame, connectionId));
    } catch (error) {
      pending.reject(new Error(`${connectionId} answered ${messageId} with a bad payload: ${String(error)}`));
    }
    return true;
  }

  /** Fails every delivery still waiting on a connection that has closed. */
  failConnection(connectionId: string): void {
    for (const [messageId, pending] of this.waiting) {
      if (pending.connectionId !== connectionId) continue;
      this.waiting.delete(messageId);
      clearTimeout(pending.timer);
      pending.reject(new Error(`${connectionId} closed before answering event ${messageId}`));
    }
  }
}
