import type { Request, Response } from 'express';
import type { Directory } from './directory.js';
import type { FaultQueue } from './faults.js';
import type { KeyedWindows, SlidingWindow } from './limits.js';
import type { LongConnectionHub } from './long-connection/hub.js';
import type { RecordedMessage, StandInState } from './state.js';
import type { TokenBook } from './tokens.js';

/** Everything the stand-in's routes share. */
export interface StandInContext {
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  now: () => number;
  state: StandInState;
  directory: Directory;
  tokens: TokenBook;
  faults: FaultQueue;
  limits: {
    /** Per app: every window must admit a message request. */
    app: SlidingWindow[];
    /** Per chat (and per user for p2p): sends and replies. */
    chat: KeyedWindows;
    /** Per message: patches. */
    messageUpdate: KeyedWindows;
  };
  /** `uuid` → the message it produced, kept an hour (Lark's dedupe window). */
  uuids: Map<string, { message: RecordedMessage; at: number }>;
  longConnection: LongConnectionHub;
  nextMessageId(): string;
}

/** Sends a Lark-shaped JSON answer and records it in the state. */
export function respond(
  ctx: StandInContext,
  req: Request,
  res: Response,
  status: number,
  body: { code: number; msg: string; [key: string]: unknown },
  headers: Record<string, string> = {},
): void {
  const path = req.originalUrl.split('?')[0]!;
  ctx.state.recordResponse({ method: req.method, path, status, code: body.code, at: ctx.now() });
  res.status(status).set(headers).json(body);
}

export function fail(
  ctx: StandInContext,
  req: Request,
  res: Response,
  status: number,
  code: number,
  msg: string,
  headers: Record<string, string> = {},
): void {
  respond(ctx, req, res, status, { code, msg }, headers);
}
