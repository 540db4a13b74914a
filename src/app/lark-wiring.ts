import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { type EventOutcome, larkEventsRouter } from '../http/lark-events.js';
import { createLarkClient, type LarkClient } from '../lark/client.js';
import { createEventDispatcher, type InboundHandlers } from '../lark/inbound/dispatcher.js';
import { createOutbox, type Outbox, type OutboxLimits } from '../lark/outbox.js';
import { type LongConnection, startLongConnection } from '../lark/ws.js';
import type { LocalLark } from './local-lark.js';

/** Where Lark is and how events arrive: the real app from the environment, or local mode's stand-in. */
export interface LarkTarget {
  appId: string;
  appSecret: string;
  domain: string;
  encryptKey?: string;
  verificationToken?: string;
  mode: 'webhook' | 'ws';
  /** Token-only webhook (no encrypt key) accepted knowingly: LARK_ALLOW_UNSIGNED=1. */
  allowUnsigned?: boolean;
  /** Lark's limits as the outbox keeps them; only benches against a stand-in with raised limits change them. */
  outboxLimits?: Partial<OutboxLimits>;
  /** The send budget shared by replicas (Redis); absent with one process. */
  sharedSlot?: (lane: string) => Promise<number>;
}

export function larkTargetOf(env: Env, local: LocalLark | undefined, port: number): LarkTarget {
  if (local) {
    return {
      appId: local.appId,
      appSecret: local.appSecret,
      domain: `http://127.0.0.1:${port}`,
      encryptKey: local.encryptKey,
      verificationToken: local.verificationToken,
      mode: 'webhook',
    };
  }
  return {
    appId: env.larkAppId!,
    appSecret: env.larkAppSecret!,
    domain: env.larkDomain,
    encryptKey: env.larkEncryptKey,
    verificationToken: env.larkVerificationToken,
    mode: env.larkEventMode,
    allowUnsigned: env.larkAllowUnsigned,
  };
}

/** The way out to Lark: the SDK client, the outbox, and who the bot is. */
export interface LarkConnection {
  client: LarkClient;
  outbox: Outbox;
  botOpenId: string;
}

/**
 * The SDK client and the outbox. Throws a bad-input error when Lark refuses the credentials, so
 * the server does not start half-connected.
 */
export async function connectLark(target: LarkTarget, logger: Logger): Promise<LarkConnection> {
  const client = createLarkClient({
    appId: target.appId,
    appSecret: target.appSecret,
    domain: target.domain,
    logger,
    extraSecrets: [target.encryptKey, target.verificationToken],
  });
  const botOpenId = await client.getBotOpenId();
  const outbox = createOutbox({
    client,
    logger,
    ...(target.outboxLimits ? { limits: target.outboxLimits } : {}),
    ...(target.sharedSlot ? { sharedSlot: target.sharedSlot } : {}),
  });
  return { client, outbox, botOpenId };
}

/**
 * The way in, attached last: one dispatcher that both the webhook route and the long connection
 * feed. Returns the long connection in ws mode.
 */
export function attachLarkEvents(
  app: Express,
  target: LarkTarget,
  handlers: Omit<InboundHandlers, 'logger'>,
  logger: Logger,
  onOutcome?: (outcome: EventOutcome) => void,
): LongConnection | undefined {
  const dispatcher = createEventDispatcher({ ...handlers, logger });
  if (target.mode === 'ws') {
    return startLongConnection({
      appId: target.appId,
      appSecret: target.appSecret,
      domain: target.domain,
      dispatcher,
      logger,
    });
  }
  app.use(
    larkEventsRouter({
      dispatcher,
      encryptKey: target.encryptKey,
      verificationToken: target.verificationToken,
      allowUnsigned: target.allowUnsigned,
      logger,
      onOutcome,
    }),
  );
  return undefined;
}
