import type { Logger } from 'pino';
import { DubanError } from '../errors.js';
import type { LarkClient } from './client.js';
import {
  CONTENT_TOO_LARGE_CODE,
  classifyLarkResult,
  isRetryable,
  LarkApiError,
  type LarkVerdict,
} from './errors.js';
import { type BackoffPolicy, backoffDelay } from './outbox/backoff.js';
import { type OutboxClock, systemClock } from './outbox/clock.js';
import { emptyCounters, type OutboxCounters } from './outbox/counters.js';
import { Gcra, SlidingLog } from './outbox/limiters.js';
import { messageUuid } from './outbox/message-uuid.js';
import { type AttemptOutcome, LaneScheduler } from './outbox/scheduler.js';
import { createRedactor } from './redact.js';

/** No secrets to hide here, only people: open_ids and emails. */
const redactPeople = createRedactor([]);

export type MsgType = 'text' | 'post' | 'interactive' | 'image' | 'file';
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
  /** Attempts under way right now (asking the shared budget or calling Lark). */
  inFlight(): number;
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

/** Lark's limits on a message's `content` (bytes of the JSON string): cards and posts 30 KB, text 150 KB. */
export const CONTENT_LIMIT_BYTES: Record<MsgType, number> = {
  interactive: 30 * 1024,
  post: 30 * 1024,
  text: 150 * 1024,
  // An image or file message's content is only its key.
  image: 30 * 1024,
  file: 30 * 1024,
};

export interface OutboxOptions {
  client: Pick<LarkClient, 'sdk' | 'invalidateTenantToken'>;
  logger: Logger;
  /** Time and waiting (default: the system clock). Tests pass a virtual one. */
  clock?: OutboxClock;
  random?: () => number;
  limits?: Partial<OutboxLimits>;
  /** Attempts per message before giving up (the token refresh retry is extra). Default 6. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** A request taking longer counts as a server error and is retried (same uuid). Default 15 s. */
  requestTimeoutMs?: number;
  /**
   * The longest a rate limit holds sends back, whatever `x-ogw-ratelimit-reset` says (a reset of
   * 20 s would otherwise stall every chat for 20 s). After it the send is simply tried again.
   * Default 10 s.
   */
  maxRateLimitPauseMs?: number;
  /**
   * Lark's limits across replicas (the store's `sendSlot`): 0 to go now, else ms to wait. The
   * outbox's own limiters only see this process; with several replicas they would together
   * exceed 50/s and meet 429s. When it throws (Redis down) the attempt goes ahead on this
   * outbox's own limiters instead — a reply is never dropped for want of the shared budget — and
   * the outage is logged once at warn, its end once at info.
   */
  sharedSlot?: (lane: string) => Promise<number>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const limits = { ...OUTBOX_LIMITS, ...options.limits };
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const maxPauseMs = options.maxRateLimitPauseMs ?? 10_000;
  const { sdk } = options.client;
  const { logger } = options;
  const counters = emptyCounters();
  const scheduler = new LaneScheduler({
    clock,
    appLimiters: [
      new Gcra(limits.appPerSecond, limits.appBurst),
      new SlidingLog(limits.appPerMinute, limits.appMinuteWindowMs),
    ],
    laneLimiter: () => new Gcra(limits.lanePerSecond, limits.laneBurst),
  });

  let sharedSlotDown = false;
  /** The shared budget's answer for `lane`: ms to wait, or 0 — also when it could not answer. */
  const askSharedSlot = async (lane: string): Promise<number> => {
    if (!options.sharedSlot) return 0;
    try {
      const wait = await options.sharedSlot(lane);
      if (sharedSlotDown) {
        sharedSlotDown = false;
        logger.info({}, 'shared send budget answers again');
      }
      return wait;
    } catch (error) {
      counters.sharedSlotFallbacks += 1;
      if (!sharedSlotDown) {
        sharedSlotDown = true;
        logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'shared send budget unavailable: pacing sends by this replica’s own limits until it answers',
        );
      }
      return 0;
    }
  };

  /** Runs `call` through the queue with Lark's retry rules; `describe` goes into logs and errors. */
  const enqueue = <T>(
    lane: string,
    operation: string,
    describe: Record<string, string>,
    call: () => Promise<unknown>,
    result: (body: unknown, operation: string) => T,
  ): Promise<T> => {
    counters.enqueued += 1;
    let attempts = 0;
    let tokenRefreshed = false;
    const attempt = async (): Promise<AttemptOutcome<T>> => {
      const wait = await askSharedSlot(lane);
      // Another replica used the budget: wait without counting an attempt.
      if (wait > 0) return { kind: 'retry', afterMs: wait };
      attempts += 1;
      if (attempts > 1) counters.retries += 1;
      const answer = await settle(call(), timeoutMs, clock);
      const verdict = classifyLarkResult(answer);
      if (verdict.kind === 'ok') {
        let value: T;
        try {
          value = result(answer, operation);
        } catch (error) {
          if (!(error instanceof LarkApiError)) throw error;
          return { kind: 'failed', error: giveUp(operation, describe, attempts, error.verdict) };
        }
        counters.delivered += 1;
        return { kind: 'done', value };
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
        // App-wide limit: the whole app budget waits (every lane shares it), as long as Lark said
        // but never longer than the cap.
        if (verdict.kind === 'rate-limited')
          return {
            kind: 'retry',
            afterMs: Math.min(maxPauseMs, (verdict.retryAfterMs ?? delay) + random() * 250),
            pauseApp: true,
          };
        // Per-chat (or per-message) limit: only this lane waits; other chats go on.
        if (verdict.kind === 'chat-rate-limited')
          return { kind: 'retry', afterMs: Math.min(maxPauseMs, delay) };
        return { kind: 'retry', afterMs: delay };
      }
      return { kind: 'failed', error: giveUp(operation, describe, attempts, verdict) };
    };
    return scheduler.enqueue(lane, attempt);
  };

  /** Counts, logs and types a message given up on (or refused before sending: `attempts` 0). */
  const giveUp = (
    operation: string,
    describe: Record<string, string>,
    attempts: number,
    verdict: LarkVerdict,
  ): LarkApiError => {
    counters.failed += 1;
    const codeKey = String(verdict.code ?? verdict.kind);
    counters.failedByCode[codeKey] = (counters.failedByCode[codeKey] ?? 0) + 1;
    logger.warn(
      {
        // A DM's receive id is the person's open_id: logged redacted, like the SDK's own lines.
        ...(redactPeople(describe) as Record<string, string>),
        operation,
        attempts,
        httpStatus: verdict.httpStatus,
        code: verdict.code,
        msg: verdict.msg,
      },
      attempts === 0 ? 'lark message refused before sending' : 'lark message given up',
    );
    return new LarkApiError(operation, verdict);
  };

  /** Lark would answer 230025: refuse at once, typed, instead of spending a request on it. */
  const tooLarge = (
    operation: string,
    describe: Record<string, string>,
    msgType: MsgType,
    content: string,
  ): LarkApiError | undefined => {
    const limit = CONTENT_LIMIT_BYTES[msgType];
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes <= limit) return undefined;
    const what = msgType === 'interactive' ? 'card' : `${msgType} message`;
    return giveUp(operation, describe, 0, {
      kind: 'permanent',
      code: CONTENT_TOO_LARGE_CODE,
      msg: `the ${what} is too large: ${bytes} bytes of content, over Lark's ${limit}-byte limit; not sent`,
    });
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
      const describe = { [idType]: receiveId, key: input.key };
      const refused = tooLarge('send', describe, input.msgType, data.content);
      if (refused) throw refused;
      return enqueue(
        lane,
        'send',
        describe,
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
      const describe = { chat_id: input.chatId, message_id: input.messageId, key: input.key };
      const refused = tooLarge('reply', describe, input.msgType, data.content);
      if (refused) throw refused;
      return enqueue(
        `chat:${input.chatId}`,
        'reply',
        describe,
        () => sdk.im.message.reply({ path: { message_id: input.messageId }, data }),
        messageIdOf,
      );
    },
    async patch(input) {
      const data = { content: serialise(input.content) };
      const describe = { message_id: input.messageId };
      const refused = tooLarge('patch', describe, 'interactive', data.content);
      if (refused) throw refused;
      return enqueue(
        `message:${input.messageId}`,
        'patch',
        describe,
        () => sdk.im.message.patch({ path: { message_id: input.messageId }, data }),
        () => undefined,
      );
    },
    depth: () => scheduler.depth(),
    inFlight: () => scheduler.running(),
    drain: (ms) => scheduler.whenIdle(ms),
    counters: () => ({ ...counters, failedByCode: { ...counters.failedByCode } }),
  };
}

function serialise(content: MessageContent): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

function messageIdOf(body: unknown, operation: string): { messageId: string } {
  const id = (body as { data?: { message_id?: unknown } } | undefined)?.data?.message_id;
  if (typeof id !== 'string')
    throw new LarkApiError(operation, {
      kind: 'permanent',
      httpStatus: 200,
      code: 0,
      msg: 'Lark accepted the message but returned no message_id',
    });
  return { messageId: id };
}

/** The call's answer or its error, whichever; a timeout becomes an error. */
async function settle(call: Promise<unknown>, timeoutMs: number, clock: OutboxClock): Promise<unknown> {
  const answered = new AbortController();
  const timeout = clock
    .sleep(timeoutMs, answered.signal)
    .then(() =>
      answered.signal.aborted ? undefined : new Error(`no answer from Lark within ${timeoutMs} ms`),
    );
  try {
    return await Promise.race([call.catch((error: unknown) => error), timeout]);
  } finally {
    answered.abort();
  }
}
