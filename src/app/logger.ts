import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

/**
 * The one logger: JSON lines for production, with secrets redacted by path wherever they might be
 * logged (the Lark SDK's own logger is wrapped separately, in src/lark/sdk-logger.ts). On a
 * terminal the same records are printed readably instead, unless LOG_FORMAT=json.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  destination ??= process.stdout.isTTY && process.env.LOG_FORMAT !== 'json' ? readable() : undefined;
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

type Pretty = (options: Record<string, unknown>) => pino.DestinationStream;

/**
 * Colour, local time, one line per record: for a developer watching `npm start`. pino-pretty is a
 * development dependency: where it is not installed (the production image) records stay JSON.
 */
function readable(): pino.DestinationStream | undefined {
  let pretty: Pretty;
  try {
    pretty = createRequire(import.meta.url)('pino-pretty') as Pretty;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true });
}
