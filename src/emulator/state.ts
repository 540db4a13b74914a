import { EventEmitter, once } from 'node:events';
import { ResourceStore } from './resources.js';

/** One message as the stand-in holds it: sent by the bot through the API, or seeded as a user's. */
export interface RecordedMessage {
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  msgType: string;
  /** `content` parsed from its JSON string. */
  content: unknown;
  rawContent: string;
  uuid?: string;
  parentId?: string;
  rootId?: string;
  /** Epoch ms on the stand-in's clock. */
  createTime: number;
  updateTime: number;
  sender: { type: 'app'; appId: string } | { type: 'user'; openId: string };
  /** A card sent with `config.update_multi: true` may be patched. */
  updateMulti: boolean;
  /** How many times the message was patched. */
  updates: number;
}

/** What the stand-in answered, for asserting "zero 429s" and the like. */
export interface ResponseRecord {
  method: string;
  path: string;
  status: number;
  code: number;
  at: number;
}

const RESPONSE_LOG_CAP = 20_000;

/**
 * The stand-in's inspectable memory. Events: `message` (RecordedMessage, each bot send or reply),
 * `patch` (RecordedMessage after the update), `response` (ResponseRecord).
 */
export class StandInState extends EventEmitter {
  /** Messages sent through the API, in arrival order (user messages are not in here). */
  readonly messages: RecordedMessage[] = [];
  /** Seeded user messages, which bot replies may answer. */
  readonly userMessages: RecordedMessage[] = [];
  /** The last responses (capped, oldest dropped). */
  readonly responses: ResponseRecord[] = [];
  /** Uploaded images and files, and those users sent in messages. */
  readonly resources = new ResourceStore();
  private readonly byId = new Map<string, RecordedMessage>();
  private readonly codeCounts = new Map<number, number>();
  private readonly statusCounts = new Map<number, number>();

  constructor() {
    super();
    // A test or the page may wait for many replies at once (a burst of 50 confirmations): each
    // wait listens once, so the default warning at 10 listeners would only be noise.
    this.setMaxListeners(1_000);
  }

  message(messageId: string): RecordedMessage | undefined {
    return this.byId.get(messageId);
  }

  /** Every message in one chat, user and bot, oldest first. */
  timeline(chatId: string): RecordedMessage[] {
    return [...this.userMessages, ...this.messages]
      .filter((m) => m.chatId === chatId)
      .sort((a, b) => a.createTime - b.createTime);
  }

  /** How many responses carried this Lark `code` (0 for successes). */
  countCode(code: number): number {
    return this.codeCounts.get(code) ?? 0;
  }

  countStatus(status: number): number {
    return this.statusCounts.get(status) ?? 0;
  }

  /** Resolves with the `n`th (1-based) message sent through the API, waiting for it if needed. */
  async waitForMessage(n: number, timeoutMs = 5_000): Promise<RecordedMessage> {
    if (!(n >= 1)) throw new RangeError(`waitForMessage counts from 1; got ${n}`);
    const signal = AbortSignal.timeout(timeoutMs);
    while (this.messages.length < n) {
      try {
        await once(this, 'message', { signal });
      } catch {
        throw new Error(
          `the stand-in saw ${this.messages.length} messages, not ${n}, within ${timeoutMs} ms`,
        );
      }
    }
    return this.messages[n - 1]!;
  }

  /** Resolves with the bot's reply to one message, waiting for it if needed (whatever else is sent meanwhile). */
  async waitForReply(parentId: string, timeoutMs = 5_000): Promise<RecordedMessage> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const reply = this.messages.find((m) => m.parentId === parentId);
      if (reply) return reply;
      try {
        await once(this, 'message', { signal });
      } catch {
        throw new Error(`the stand-in saw no reply to ${parentId} within ${timeoutMs} ms`);
      }
    }
  }

  /** Resolves with the first message the bot sent that `match` accepts, waiting for it if needed. */
  async waitForMessageWhere(
    match: (m: RecordedMessage) => boolean,
    timeoutMs = 5_000,
  ): Promise<RecordedMessage> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      try {
        await once(this, 'message', { signal });
      } catch {
        throw new Error(`the stand-in saw no such message within ${timeoutMs} ms`);
      }
    }
  }

  /** Resolves with the message once it has been updated (PATCHed) `count` times in all. */
  async waitForUpdates(messageId: string, count: number, timeoutMs = 5_000): Promise<RecordedMessage> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const message = this.byId.get(messageId);
      if (!message) throw new Error(`the stand-in has no message ${messageId}`);
      if (message.updates >= count) return message;
      try {
        await once(this, 'patch', { signal });
      } catch {
        throw new Error(
          `${messageId} was updated ${message.updates} times, not ${count}, within ${timeoutMs} ms`,
        );
      }
    }
  }

  recordMessage(message: RecordedMessage): void {
    this.byId.set(message.messageId, message);
    if (message.sender.type === 'user') {
      this.userMessages.push(message);
      return;
    }
    this.messages.push(message);
    this.emit('message', message);
  }

  recordPatch(message: RecordedMessage): void {
    this.emit('patch', message);
  }

  recordResponse(record: ResponseRecord): void {
    this.codeCounts.set(record.code, this.countCode(record.code) + 1);
    this.statusCounts.set(record.status, this.countStatus(record.status) + 1);
    this.responses.push(record);
    if (this.responses.length > RESPONSE_LOG_CAP) this.responses.shift();
    this.emit('response', record);
  }
}
