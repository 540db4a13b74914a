import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

/**
 * The one logger: JSON lines for production, with secrets redacted by path wherever they might be
 * logged (the Lark SDK's own logger is wrapped separately, in src/lark/sdk-logger.ts).
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'duban' },
      redact: {
        paths: [
          'app_secret',
          'appSecret',
          '*.app_secret',
          '*.appSecret',
          'encryptKey',
          '*.encryptKey',
          'tenant_access_token',
          '*.tenant_access_token',
          'headers.authorization',
          '*.headers.authorization',
          'config.headers.Authorization',
          'redisUrl',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
