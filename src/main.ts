import { createLogger } from './app/logger.js';
import { startServer } from './app/server.js';
import { readEnv } from './config/env.js';
import { LarkFailure } from './lark/lark-failure.js';
import { StoreUnavailableError } from './store/errors.js';

/**
 * `npm start`: read the environment, start duban, shut down cleanly on SIGTERM/SIGINT. Bad config
 * or env is printed as is (every problem, with file, path and fix) and exits 2.
 */
async function main(): Promise<void> {
  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const logger = createLogger(env.logLevel);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  // Every acknowledged event has an owner that catches its errors; this is the net under them.
  // One event must never take the bot down for everyone, so the process logs and carries on.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection (kept running)');
    server?.countUnhandled('rejection');
  });
  process.on('uncaughtException', (error) => {
    if (!server) {
      logger.fatal({ err: error }, 'duban cannot start');
      process.exit(1);
    }
    logger.error({ err: error }, 'uncaught exception (kept running)');
    server.countUnhandled('exception');
  });
  try {
    server = await startServer({ env, logger });
  } catch (error) {
    if ((error as { badInput?: boolean }).badInput) {
      console.error(`duban cannot start:\n${(error as Error).message}`);
      process.exit(2);
    }
    // Lark or Redis out of reach: the operator needs the one line, not a stack.
    if (error instanceof LarkFailure || error instanceof StoreUnavailableError) {
      console.error(`duban cannot start: ${error.message}`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'duban cannot start');
    process.exit(1);
  }
  const running = server;
  logger.info({ url: running.url, local: running.local !== undefined }, 'duban is ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
