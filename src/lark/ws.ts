import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { DubanError } from '../errors.js';
import { resolveLarkDomain } from './domain.js';
import { createSdkLogger } from './sdk-logger.js';

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  domain?: string;
  /** From `createEventDispatcher`: the same handlers, dedupe and normaliser as the webhook. */
  dispatcher: lark.EventDispatcher;
  logger: Logger;
  /** Seconds without any frame before a socket is deemed dead and reopened. Default 30. */
  pingTimeoutSeconds?: number;
}

export interface LongConnection {
  client: lark.WSClient;
  close(): void;
}

/**
 * `LARK_EVENT_MODE=ws`: events and card callbacks over the SDK's long connection (no public URL).
 * Frames arrive already authenticated and in plain JSON; the WSClient passes each one to
 * `dispatcher.invoke(event, {needCheck: false})` — the same call the webhook makes after its own
 * checks. With several replicas, Lark gives each event to one connected client.
 */
export function startLongConnection(options: LongConnectionOptions): LongConnection {
  // WSClient.start() silently does nothing for any other app id: say so instead.
  if (!/^cli_[0-9a-fA-F]{16}$/.test(options.appId))
    throw new DubanError(
      'config',
      `LARK_EVENT_MODE=ws needs LARK_APP_ID like cli_ followed by 16 hex digits; got "${options.appId}"`,
      { badInput: true },
    );
  const client = new lark.WSClient({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: resolveLarkDomain(options.domain),
    loggerLevel: lark.LoggerLevel.warn,
    logger: createSdkLogger(options.logger, [options.appSecret]),
    // Without a ping timeout a half-dead socket goes unnoticed and events stop.
    wsConfig: { pingTimeout: options.pingTimeoutSeconds ?? 30 },
    onError: (error: unknown) => options.logger.error({ err: error }, 'lark long connection gave up'),
  });
  void client.start({ eventDispatcher: options.dispatcher });
  return { client, close: () => client.close({ force: true }) };
}
