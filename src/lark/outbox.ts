import type { Logger } from 'pino';
import { DubanError } from '../errors.js';
import type { LarkClient } from './client.js';
import { classifyLarkResult, isRetryable, LarkApiError, type LarkVerdict } from './errors.js';
import { type BackoffPolicy, backoffDelay } from './outbox/backoff.js';
import { emptyCounters, type OutboxCounters } from './outbox/counters.js';
import { Gcra, SlidingLog } from './outbox/limiters.js';
import { messageUuid } from './outbox/message-uuid.js';
import { type AttemptOutcome, LaneScheduler } from './outbox/scheduler.js';

export type MsgType = 'text' | 'post' | 'interactive';
/** A content object (serialised for you) or an already serialised JSON string. */
export type MessageContent = Record<string, unknown> | string;

export interface SendInput {
  /** Exactly one of `chatId` and `openId`. */
  chatId?: string;
  openId?: string;
  msgType: MsgType;
  content: MessageContent;
  /** The logical message, e.g. `reminder:8.4/m2/2023:T-3:2023-09-27`; the Lark `uuid` is its hash. */
  key: string;
}

export interface ReplyInput {
  /** The message replied to. */
  messageId: string;
  /** Its chat: replies share the chat's rate limit. */
  chatId: string;
  msgType: MsgType;
  content: MessageContent;
  key: string;
}

export interface PatchInput {
  messageId: string;
  /** The whole new card (it must keep `config.update_multi: true`). */
  content: MessageContent;
}

export interface Outbox {
  send(input: SendInput): Promise<{ messageId: string }>;
  reply(input: ReplyInput): Promise<{ messageId: string }>;
  patch(input: PatchInput): Promise<void>;
  /** Messages queued or in flight. */
  depth(): number;
  /** Waits until the queue is empty; false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
  counters(): OutboxCounters;
}

export interface OutboxLimits {
  appPerSecond: number;
  appBurst: number;
  appPerMinute: number;
  appMinuteWindowMs: number;
  /** Per chat, per user (p2p) and per patched message. */
  lanePerSecond: number;
  laneBurst: number;
}

/**
 * A little under Lark's 50/s, 1000/min and 5/s: at most 48 sends in any second, 1000 in any 61 s,
 * and 4 per chat per second, leaving room for network jitter between us and Lark's gateway.
 */
export const OUTBOX_LIMITS: OutboxLimits = {
  appPerSecond: 47,
  appBurst: 2,
  appPerMinute: 1000,
  appMinuteWindowMs: 61_000,
  lanePerSecond: 4,
  laneBurst: 1,
};

export interface OutboxOptions {
  client: Pick<LarkClient, 'sdk' | 'invalidateTenantToken'>;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  limits?: Partial<OutboxLimits>;
  /** Attempts per message before giving up (the token refresh retry is extra). Default 6. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** A request taking longer counts as a server error and is retried (same uuid). Default 15 s. */
  requestTimeoutMs?: number;
  /**
   * Lark's limits across replicas (the store's `sendSlot`): 0 to go now, else ms to wait. The
   * outbox's own limiters only see this process; with several replicas they would together
   * exceed 50/s and meet 429s.
   */
  sharedSlot?: (lane: string) => Promise<number>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const limits = { ...OUTBOX_LIMITS, ...options.limits };
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const { sdk } = options.client;
  const counters = emptyCounters();
  const scheduler = new LaneScheduler({
    now,
    sleep: options.sleep ?? realSleep,
    appLimiters: [
      new Gcra(limits.appPerSecond, limits.appBurst),
      new SlidingLog(limits.appPerMinute, limits.appMinuteWindowMs),
    ],
    laneLimiter: () => new Gcra(limits.lanePerSecond, limits.laneBurst),
  });

  /** Runs `call` through the queue with Lark's retry rules; `describe` goes into logs and errors. */
  const enqueue = <T>(
    lane: string,
    operation: string,
    describe: Record<string, string>,
    call: () => Promise<unknown>,
    result: (body: unknown) => T,
  ): Promise<T> => {
    counters.enqueued += 1;
    let attempts = 0;
    let tokenRefreshed = false;
    const attempt = async (): Promise<AttemptOutcome<T>> => {
      const wait = options.sharedSlot ? await options.sharedSlot(lane) : 0;
      // Another replica used the budget: wait without counting an attempt.
      if (wait > 0) return { kind: 'retry', afterMs: wait };
      attempts += 1;
      if (attempts > 1) counters.retries += 1;
      const answer = await settle(call(), timeoutMs);
      const verdict = classifyLarkResult(answer);
      if (verdict.kind === 'ok') {
        counters.delivered += 1;
        return { kind: 'done', value: result(answer) };
      }
      countVerdict(verdict);
      if (verdict.kind === 'token-invalid' && !tokenRefreshed) {
        tokenRefreshed = true;
        counters.tokenRefreshes += 1;
        await options.client.invalidateTenantToken();
        attempts -= 1;
        return { kind: 'retry', afterMs: 0 };
      }
      if (verdict.kind !== 'token-invalid' && isRetryable(verdict) && attempts < maxAttempts) {
        const delay = backoffDelay(attempts, backoff, random);
        if (verdict.kind === 'rate-limited')
          return { kind: 'retry', afterMs: (verdict.retryAfterMs ?? delay) + random() * 250, pauseAll: true };
        return { kind: 'retry', afterMs: delay };
      }
      counters.failed += 1;
      const codeKey = String(verdict.code ?? verdict.kind);
      counters.failedByCode[codeKey] = (counters.failedByCode[codeKey] ?? 0) + 1;
      options.logger.warn(
        {
          ...describe,
          operation,
          attempts,
          httpStatus: verdict.httpStatus,
          code: verdict.code,
          msg: verdict.msg,
        },
        'lark message given up',
      );
      return { kind: 'failed', error: new LarkApiError(operation, verdict) };
    };
    return scheduler.enqueue(lane, attempt);
  };

  const countVerdict = (verdict: LarkVerdict): void => {
    if (verdict.kind === 'rate-limited') counters.rateLimited += 1;
    else if (verdict.kind === 'chat-rate-limited') counters.chatRateLimited += 1;
    else if (verdict.kind === 'server') counters.serverErrors += 1;
  };

  return {
    async send(input) {
      if ((input.chatId === undefined) === (input.openId === undefined))
        throw new DubanError('outbox_input', 'outbox.send needs exactly one of chatId and openId');
      const [idType, receiveId] =
        input.chatId !== undefined ? ['chat_id', input.chatId] : ['open_id', input.openId!];
      const lane = idType === 'chat_id' ? `chat:${receiveId}` : `user:${receiveId}`;
      const data = {
        receive_id: receiveId,
        msg_type: input.msgType,
        content: serialise(input.content),
        uuid: messageUuid(input.key),
      };
      return enqueue(
        lane,
        'send',
        { [idType]: receiveId, key: input.key },
        () => sdk.im.message.create({ params: { receive_id_type: idType as 'chat_id' | 'open_id' }, data }),
        messageIdOf,
      );
    },
    async reply(input) {
      const data = {
        msg_type: input.msgType,
        content: serialise(input.content),
        uuid: messageUuid(input.key),
      };
      return enqueue(
        `chat:${input.chatId}`,
        'reply',
        { chat_id: input.chatId, message_id: input.messageId, key: input.key },
        () => sdk.im.message.reply({ path: { message_id: input.messageId }, data }),
        messageIdOf,
      );
    },
    async patch(input) {
      const data = { content: serialise(input.content) };
      return enqueue(
        `message:${input.messageId}`,
        'patch',
        { message_id: input.messageId },
        () => sdk.im.message.patch({ path: { message_id: input.messageId }, data }),
        () => undefined,
      );
    },
    depth: () => scheduler.depth(),
    drain: (ms) => scheduler.whenIdle(ms),
    counters: () => ({ ...counters, failedByCode: { ...counters.failedByCode } }),
  };
}

function serialise(content: MessageContent): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

function messageIdOf(body: unknown): { messageId: string } {
  const id = (body as { data?: { message_id?: unknown } } | undefined)?.data?.message_id;
  if (typeof id !== 'string')
    throw new DubanError('lark_api', 'Lark accepted the message but returned no message_id');
  return { messageId: id };
}

/** The call's answer or its error, whichever; a timeout becomes an error. */
async function settle(call: Promise<unknown>, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`no answer from Lark within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call.catch((error: unknown) => error), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
