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
  /**
   * After each ping, seconds to wait for any frame before the socket is deemed dead and reopened.
   * Default 30. Must stay below Lark's ping interval (120 s): every ping re-arms the watchdog, so
   * a longer wait would never fire.
   */
  pingTimeoutSeconds?: number;
  /** Seconds a socket may take to open before the attempt counts as failed. Default 15. */
  handshakeTimeoutSeconds?: number;
}

export interface LongConnection {
  client: lark.WSClient;
  /** True while a socket is open (for readiness: in this mode no event arrives without one). */
  connected(): boolean;
  close(): void;
}

/**
 * `LARK_EVENT_MODE=ws`: events and card callbacks over the SDK's long connection (no public URL).
 * Frames arrive already authenticated and in plain JSON; the WSClient passes each one to
 * `dispatcher.invoke(event, {needCheck: false})` — the same call the webhook makes after its own
 * checks — and sends the handler's result back as the frame's answer (a card's toast included).
 * With several replicas, Lark gives each event to one connected client.
 */
export function startLongConnection(options: LongConnectionOptions): LongConnection {
  // WSClient.start() silently does nothing for any other app id: say so instead.
  if (!/^cli_[0-9a-fA-F]{16}$/.test(options.appId))
    throw new DubanError(
      'config',
      `LARK_EVENT_MODE=ws needs LARK_APP_ID like cli_ followed by 16 hex digits; got "${options.appId}"`,
      { badInput: true },
    );
  const log = options.logger;
  const client = new lark.WSClient({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: resolveLarkDomain(options.domain),
    loggerLevel: lark.LoggerLevel.warn,
    logger: createSdkLogger(log, [options.appSecret]),
    // Without a ping timeout a half-dead socket goes unnoticed and events stop.
    wsConfig: { pingTimeout: options.pingTimeoutSeconds ?? 30 },
    // Without one, a handshake that never completes (a proxy that swallows the upgrade) leaves
    // the client waiting forever: no retry, no error, no events.
    handshakeTimeoutMs: (options.handshakeTimeoutSeconds ?? 15) * 1000,
    onReady: () => log.info('lark long connection open'),
    onReconnecting: () => log.warn('lark long connection lost, reconnecting'),
    onReconnected: () => log.info('lark long connection reopened'),
    // Wrong credentials, the app not set to long connection, or retries exhausted: no more events.
    onError: (error: unknown) => log.error({ err: error }, 'lark long connection gave up'),
  });
  void client.start({ eventDispatcher: options.dispatcher });
  return {
    client,
    connected: () => client.getConnectionStatus().state === 'connected',
    close: () => client.close({ force: true }),
  };
}
