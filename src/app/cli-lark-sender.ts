import pino from 'pino';
import { type ChartImage, createChartImage } from '../chart/chart-image.js';
import { ChartRenderer } from '../chart/chart-renderer.js';
import type { CliIo } from '../cli/command.js';
import { readEnv } from '../config/env.js';
import { createLarkClient } from '../lark/client.js';
import { createOutbox } from '../lark/outbox.js';
import { uploadImage } from '../lark/upload-resource.js';
import type { SendReminder } from '../reminders/outgoing.js';
import type { Store } from '../store/store.js';
import { deliverReminder } from './deliver-reply.js';
import { createLiveCards, rememberReminder } from './live-cards.js';

/**
 * `duban sweep`'s way to Lark: the same client and outbox as the server, from the same
 * environment. Without LARK_APP_ID there is no Lark to send to and the sweep is a dry run.
 * What it sends is remembered in `store` as the server remembers its own cards, so a later
 * confirmation — on whichever replica — redraws them.
 */
export async function openLarkSender(
  io: CliIo,
  store: Store,
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
  // Only remembered here: the redraw happens in the server that handles the confirmation, drawn
  // from the ledger as it then stands, so this process that exits after the sweep never draws.
  const live = createLiveCards({ store, outbox, draw: async () => undefined, logger });
  return {
    async send(message) {
      const sent = await deliverReminder(outbox, message);
      await rememberReminder(live, message, sent.messageId).catch((error: unknown) => {
        // The reminder is out: failing the send would send it again. It only stays as drawn.
        logger.warn({ err: error, messageId: sent.messageId }, 'live cards: a reminder was not remembered');
      });
      return sent;
    },
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
