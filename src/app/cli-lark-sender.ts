import pino from 'pino';
import { type ChartImage, createChartImage } from '../chart/chart-image.js';
import { ChartRenderer } from '../chart/chart-renderer.js';
import type { CliIo } from '../cli/command.js';
import { readEnv } from '../config/env.js';
import { createLarkClient } from '../lark/client.js';
import { createOutbox } from '../lark/outbox.js';
import { uploadImage } from '../lark/upload-resource.js';
import type { SendReminder } from '../reminders/outgoing.js';
import { deliverReminder } from './deliver-reply.js';

/**
 * `duban sweep`'s way to Lark: the same client and outbox as the server, from the same
 * environment. Without LARK_APP_ID there is no Lark to send to and the sweep is a dry run.
 */
export async function openLarkSender(
  io: CliIo,
): Promise<{ send: SendReminder; chart: ChartImage; close(): Promise<void> } | undefined> {
  const env = readEnv(io.env);
  if (!env.larkAppId || !env.larkAppSecret) return undefined;
  // Warnings and errors only, on stderr: stdout carries the sweep's report.
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const client = createLarkClient({
    appId: env.larkAppId,
    appSecret: env.larkAppSecret,
    domain: env.larkDomain,
    logger,
    extraSecrets: [env.larkEncryptKey, env.larkVerificationToken],
  });
  const outbox = createOutbox({ client, logger });
  return {
    send: (message) => deliverReminder(outbox, message),
    chart: createChartImage({
      renderer: new ChartRenderer(),
      upload: (png) => uploadImage(client, png),
      logger,
    }),
    async close() {
      await outbox.drain(30_000);
    },
  };
}
