import type { Logger as SdkLogger } from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { createRedactor } from './redact.js';

/**
 * The logger handed to the SDK. The SDK logs whole axios errors — on a failed token request that
 * includes app_secret in the request body, elsewhere the `Authorization: Bearer` header — so every
 * argument goes through the redactor before it reaches duban's log.
 */
export function createSdkLogger(logger: Logger, secrets: Array<string | undefined>): SdkLogger {
  const redact = createRedactor(secrets);
  const forward =
    (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (...args: unknown[]): void => {
      // LoggerProxy passes its arguments as one array: unwrap it so the log reads naturally.
      const parts = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      logger[level]({ lark: redact(parts) }, 'lark sdk');
    };
  return {
    error: forward('error'),
    warn: forward('warn'),
    info: forward('info'),
    debug: forward('debug'),
    trace: forward('trace'),
  };
}
