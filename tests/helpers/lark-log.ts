import { type Logger, pino } from 'pino';

/** A real pino logger whose JSON lines land in `lines`, for asserting what reached the log. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export const silentLogger: Logger = pino({ level: 'silent' });
