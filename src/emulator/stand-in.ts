import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { fail, type StandInContext } from './context.js';
import { type ChatSeed, Directory, type DirectoryUser } from './directory.js';
import { type Fault, FaultQueue } from './faults.js';
import { KeyedWindows, SlidingWindow } from './limits.js';
import type { LongConnectionAnswer } from './long-connection/delivery.js';
import { type DeliveryOptions, type LongConnectionConfig, LongConnectionHub } from './long-connection/hub.js';
import { mountTokenRoute, requireTenantToken } from './routes/auth.js';
import { mountDirectoryRoutes } from './routes/directory.js';
import { mountLongConnectionRoute } from './routes/long-connection.js';
import { mountMessageRoutes } from './routes/messages.js';
import { mountUploadRoutes } from './routes/uploads.js';
import { type RecordedMessage, StandInState } from './state.js';
import { TokenBook } from './tokens.js';
import { recordUserAttachment, recordUserMessage, type UserAttachmentInput } from './user-messages.js';

export interface StandInLimits {
  appPerSecond: number;
  appPerMinute: number;
  chatPerSecond: number;
  messageUpdatesPerSecond: number;
}

/** Lark's documented limits for send, reply and patch. */
export const LARK_MESSAGE_LIMITS: StandInLimits = {
  appPerSecond: 50,
  appPerMinute: 1000,
  chatPerSecond: 5,
  messageUpdatesPerSecond: 5,
};

export interface LarkStandInOptions {
  appId: string;
  appSecret: string;
  botOpenId?: string;
  botName?: string;
  tenantKey?: string;
  /** The stand-in's clock (epoch ms): token expiry, rate windows, uuid dedupe. Default: Date.now. */
  now?: () => number;
  tokenTtlSeconds?: number;
  limits?: Partial<StandInLimits>;
  users?: DirectoryUser[];
  chats?: ChatSeed[];
  /** Timing the long connection hands its clients (Lark's by default). */
  longConnection?: Partial<LongConnectionConfig>;
}

export interface StandInControls {
  /** The next `count` send/reply/patch requests get `fault` instead of an answer. */
  failNext(count: number, fault: Fault): void;
  clearFaults(): void;
  /** Makes every token issued so far invalid (99991663), as when Lark rotates them. */
  revokeTokens(): void;
  issuedTokens(): string[];
  setBotInChat(chatId: string, isMember: boolean): void;
  addUser(user: DirectoryUser): void;
  addChat(chat: ChatSeed): void;
  /**
   * Records a message a user wrote, so the bot can reply to it; returns it with its new id. With
   * `parentId` it is a reply in Lark's sense (root = the parent's root, or the parent).
   */
  addUserMessage(input: {
    chatId: string;
    senderOpenId: string;
    text: string;
    parentId?: string;
  }): RecordedMessage;
  /**
   * Records an image or file a user sent (bytes stored under a new key the bot can download with
   * the message-resource API); deliver it with `messageReceiveEvent` using the message's
   * `msgType` and `content`.
   */
  addUserAttachment(input: UserAttachmentInput): RecordedMessage;
  /**
   * Sends an event (the v2 envelope, e.g. from `messageReceiveEvent`) to ONE client connected
   * over the long connection — the next in turn — and resolves with its decoded answer.
   * Needs `attachLongConnection` on the stand-in's server and a connected client.
   */
  deliverOverLongConnection(payload: unknown, options?: DeliveryOptions): Promise<LongConnectionAnswer>;
}

export interface LarkStandIn {
  /** Mount at the root of any express app: it serves `/open-apis/...`. */
  router: Router;
  state: StandInState;
  directory: Directory;
  controls: StandInControls;
  /** Connections, pings and delivery; sockets come from `attachLongConnection`. */
  longConnection: LongConnectionHub;
  botOpenId: string;
}

/**
 * A stand-in for the Lark Open API, enough for duban: tenant tokens, send/reply/patch with Lark's
 * rate limits and uuid dedupe, image and file uploads and their download from a message, bot info,
 * a small directory, and — once `attachLongConnection` gives it a socket on its server — the long
 * connection that delivers events. Tests point the real SDK at it; local mode serves the same
 * router, so the two cannot drift apart.
 */
export function createLarkStandIn(options: LarkStandInOptions): LarkStandIn {
  const now = options.now ?? Date.now;
  const limits = { ...LARK_MESSAGE_LIMITS, ...options.limits };
  const state = new StandInState();
  const directory = new Directory({ users: options.users ?? [], chats: options.chats ?? [] });
  let messageCounter = 0;
  const ctx: StandInContext = {
    appId: options.appId,
    appSecret: options.appSecret,
    botOpenId: options.botOpenId ?? 'ou_standin_bot_0000000000000000',
    botName: options.botName ?? 'duban',
    tenantKey: options.tenantKey ?? 'standin-tenant',
    now,
    state,
    directory,
    tokens: new TokenBook(now, options.tokenTtlSeconds ?? 7200),
    faults: new FaultQueue(),
    limits: {
      app: [
        new SlidingWindow({ limit: limits.appPerSecond, windowMs: 1000 }),
        new SlidingWindow({ limit: limits.appPerMinute, windowMs: 60_000 }),
      ],
      chat: new KeyedWindows({ limit: limits.chatPerSecond, windowMs: 1000 }),
      messageUpdate: new KeyedWindows({ limit: limits.messageUpdatesPerSecond, windowMs: 1000 }),
    },
    uuids: new Map(),
    nextMessageId: () => `om_${(++messageCounter).toString(16).padStart(32, '0')}`,
    longConnection: new LongConnectionHub(options.longConnection),
  };

  const router = express.Router();
  router.use('/open-apis', express.json({ limit: '1mb' }));
  mountTokenRoute(router, ctx);
  mountLongConnectionRoute(router, ctx);
  router.use('/open-apis', requireTenantToken(ctx));
  mountMessageRoutes(router, ctx);
  mountUploadRoutes(router, ctx);
  mountDirectoryRoutes(router, ctx);
  router.use('/open-apis', (req: Request, res: Response) =>
    fail(ctx, req, res, 404, 404, `the stand-in does not implement ${req.method} ${req.originalUrl}`),
  );
  router.use('/open-apis', (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    fail(ctx, req, res, status, status === 400 ? 99992402 : 1500, `bad request body: ${String(error)}`);
  });

  const controls: StandInControls = {
    failNext: (count, fault) => ctx.faults.add(count, fault),
    clearFaults: () => ctx.faults.clear(),
    revokeTokens: () => ctx.tokens.revokeAll(),
    issuedTokens: () => ctx.tokens.issued(),
    setBotInChat(chatId, isMember) {
      const chat = directory.chat(chatId);
      if (!chat) throw new Error(`the stand-in has no chat ${chatId}`);
      chat.botIsMember = isMember;
    },
    addUser: (user) => void directory.addUser(user),
    addChat: (chat) => void directory.addChat(chat),
    addUserMessage: ({ chatId, senderOpenId, text, parentId }) =>
      recordUserMessage(ctx, {
        chatId,
        senderOpenId,
        msgType: 'text',
        content: { text },
        ...(parentId === undefined ? {} : { parentId }),
      }),
    addUserAttachment: (input) => recordUserAttachment(ctx, input),
    deliverOverLongConnection: (payload, deliveryOptions) =>
      ctx.longConnection.deliver(payload, deliveryOptions),
  };

  return { router, state, directory, controls, longConnection: ctx.longConnection, botOpenId: ctx.botOpenId };
}
