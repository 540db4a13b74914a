import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { resolveLarkDomain } from './domain.js';
import { classifyLarkResult, LarkApiError } from './errors.js';
import { createSdkLogger } from './sdk-logger.js';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  /** `feishu` (default), `lark`, or a base URL (e.g. the local stand-in). */
  domain?: string;
  logger: Logger;
  /** Other secrets to keep out of the SDK's log lines (encrypt key, verification token). */
  extraSecrets?: Array<string | undefined>;
}

export interface BotInfo {
  openId: string;
  name: string;
}

export interface LarkClient {
  /** The SDK client; the outbox is the only place that sends messages with it. */
  sdk: lark.Client;
  appId: string;
  /**
   * Forgets the cached tenant token, so the next call fetches a fresh one. The SDK never drops a
   * token Lark rejected (99991663): it keeps using it until its own expiry.
   */
  invalidateTenantToken(): Promise<void>;
  /** The bot's identity from `/open-apis/bot/v3/info`, fetched once and remembered. */
  getBotInfo(): Promise<BotInfo>;
  getBotOpenId(): Promise<string>;
}

export function createLarkClient(options: LarkClientOptions): LarkClient {
  // A cache of our own: the SDK's default one is shared by every client in the process.
  const cache = new lark.DefaultCache();
  const sdk = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: resolveLarkDomain(options.domain),
    cache,
    // LoggerLevel.fatal is 0, which the SDK reads as "unset" and turns into info.
    loggerLevel: lark.LoggerLevel.error,
    logger: createSdkLogger(options.logger, [options.appSecret, ...(options.extraSecrets ?? [])]),
  });
  let botInfo: Promise<BotInfo> | undefined;

  const fetchBotInfo = async (): Promise<BotInfo> => {
    let body: unknown;
    try {
      body = await sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    } catch (error) {
      throw new LarkApiError('bot info', classifyLarkResult(error), { cause: error });
    }
    const verdict = classifyLarkResult(body);
    const bot = (body as { bot?: { open_id?: unknown; app_name?: unknown } }).bot;
    if (verdict.kind !== 'ok' || typeof bot?.open_id !== 'string')
      throw new LarkApiError('bot info', verdict);
    return { openId: bot.open_id, name: typeof bot.app_name === 'string' ? bot.app_name : '' };
  };

  const getBotInfo = (): Promise<BotInfo> => {
    botInfo ??= fetchBotInfo().catch((error: unknown) => {
      botInfo = undefined;
      throw error;
    });
    return botInfo;
  };

  return {
    sdk,
    appId: options.appId,
    async invalidateTenantToken() {
      // The SDK keys the token by the exported symbol in the app's namespace; an entry that
      // expired at epoch 1 reads as absent, with the default cache and any custom one.
      await cache.set(lark.CTenantAccessToken, '', 1, { namespace: options.appId });
    },
    getBotInfo,
    getBotOpenId: async () => (await getBotInfo()).openId,
  };
}
