import type { Logger } from 'pino';
import type { BotDeps } from '../bot/context.js';
import type { CardAction, Inbound } from '../bot/inbound.js';
import type { CardActionResult } from '../bot/reply.js';
import type { ChartImage } from '../chart/chart-image.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Metrics } from '../http/metrics.js';
import type { MessageOutcome } from '../lark/inbound/dispatcher.js';
import type { Outbox } from '../lark/outbox.js';
import type { FileUpload } from '../lark/upload-resource.js';
import type { ReminderClaims } from '../reminders/claims.js';
import type { OutgoingReminder } from '../reminders/outgoing.js';
import { type SweepReport, sweep } from '../reminders/sweep.js';
import type { Store } from '../store/store.js';
import { answerCardAction, answerMessage } from './answer-message.js';
import { failureCode } from './apology.js';
import type { ConfigSource } from './config-source.js';
import { evidenceCopier, type ResourceAccess } from './copy-evidence.js';
import { deliverReminder } from './deliver-reply.js';
import { drawLiveCard } from './draw-live-card.js';
import { createInFlight } from './in-flight.js';
import { createLiveCards, rememberReminder } from './live-cards.js';
import { fileSharer } from './share-file.js';

/** What the App is built from: state, config, the way out to Lark, time, and observability. */
export interface AppParts {
  store: Store;
  configs: ConfigSource;
  outbox: Outbox;
  claims: ReminderClaims;
  clock: () => Date;
  logger: Logger;
  metrics: Metrics;
  /** The progress chart for 进度 and the weekly digest, as a Lark image; absent, neither shows one. */
  chart?: ChartImage;
  /** Uploads a file to Lark (`im/v1/files`) and answers its key; absent, 导出台账 says it cannot. */
  uploadFile?: (file: FileUpload) => Promise<string>;
  /** Lark's resources, to show 佐证材料 to the admins who verify; absent, they see only its name. */
  resources?: ResourceAccess;
}

/**
 * duban's one entry for everything that happens to it, as bolt-js has one: transports (webhook,
 * long connection, the local page, admin routes, the scheduler) call these and nothing else, and
 * nothing here knows how an event arrived.
 */
export interface App {
  /** An acknowledged message: answered, or apologised for; never rejects. */
  handleMessage(inbound: Inbound): Promise<MessageOutcome>;
  /** A card click, answered with a toast (and the card redrawn) within Lark's deadline. */
  handleCardAction(action: CardAction): Promise<CardActionResult>;
  /** One reminder sweep at an instant, exactly as the schedule runs it (claims included). */
  sweep(at: Date): Promise<SweepReport>;
  /** Sends one composed reminder through the outbox (the scheduler's way out). */
  sendReminder(message: OutgoingReminder): Promise<{ messageId: string }>;
  /** "重载配置": this replica now; every other replica at its next event or sweep. */
  reload(): Promise<string>;
  config(): LoadedConfig;
  /** Catches up with a reload made on another replica (throttled; a failure is logged, not thrown). */
  refreshConfig(): Promise<void>;
  /** Waits for acknowledged work to finish (shutdown); false if some is still running. */
  settle(timeoutMs: number): Promise<boolean>;
  pending(): number;
}

export function createApp(parts: AppParts): App {
  const { store, configs, outbox, claims, clock, logger, metrics, chart, uploadFile } = parts;
  const inFlight = createInFlight();
  const reload = () => configs.reload('重载配置');
  const shareFile = uploadFile && fileSharer(uploadFile, outbox, logger);
  const bot: BotDeps = { store, config: () => configs.current(), clock, reload, chart, shareFile };
  const live = createLiveCards({ store, outbox, draw: (card) => drawLiveCard(bot, card), logger });
  const copyEvidence = parts.resources && evidenceCopier(parts.resources, outbox);
  const answerDeps = { bot, outbox, logger, metrics, live, track: inFlight.track, copyEvidence };

  // A reload on another replica reaches this one here. If the store cannot say, the config in
  // hand still answers: the question matters more than the freshness check.
  const refreshed = async () => {
    await configs.refresh().catch((error: unknown) => logger.warn({ err: error }, 'config check failed'));
  };

  const sendReminder = async (message: OutgoingReminder) => {
    let sent: { messageId: string };
    try {
      sent = await deliverReminder(outbox, message);
      metrics.remindersSent.inc({ kind: message.kind });
    } catch (error) {
      metrics.remindersFailed.inc();
      throw error;
    }
    await rememberReminder(live, message, sent.messageId).catch((error: unknown) => {
      // The reminder is out: failing here would send it again. It only stays as drawn.
      logger.warn({ err: error, messageId: sent.messageId }, 'live cards: a reminder was not remembered');
      metrics.handlingFailures.inc({ kind: 'redraw', code: failureCode(error) });
    });
    return sent;
  };

  return {
    handleMessage: (inbound) => inFlight.track(refreshed().then(() => answerMessage(inbound, answerDeps))),
    handleCardAction: (action) =>
      inFlight.track(refreshed().then(() => answerCardAction(action, answerDeps))),
    async sweep(at) {
      await refreshed();
      return sweep(
        at,
        { store, claims, send: sendReminder, config: configs.current(), logger, chart },
        // Like the CLI and the scheduler: wait out a dead holder's liveness rather than say "held".
        { awaitHeldMs: claims.ownerTtlMs + 1_000 },
      );
    },
    sendReminder,
    reload,
    config: () => configs.current(),
    refreshConfig: refreshed,
    settle: (timeoutMs) => inFlight.settle(timeoutMs),
    pending: () => inFlight.size(),
  };
}
