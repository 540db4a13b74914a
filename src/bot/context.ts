import type { ChartImage } from '../chart/chart-image.js';
import type { LoadedConfig } from '../config/load-config.js';
import { isAdmin, sectionsOf } from '../config/sections.js';
import type { LocalDate } from '../plan/types.js';
import { localDateAt } from '../store/local-date.js';
import type { Store } from '../store/store.js';
import type { Inbound } from './inbound.js';
import type { ShareFile } from './shared-file.js';

/** What the bot needs from the rest of duban. No HTTP, no SDK: tests inject these directly. */
export interface BotDeps {
  store: Store;
  /** The current config; a reload swaps what this returns. */
  config: () => LoadedConfig;
  clock: () => Date;
  /** Admin "重载配置": reloads config/ and re-syncs; resolves to a one-line summary. */
  reload?: () => Promise<string>;
  /** Told of every ledger change this answer stored, so the App can redraw the cards showing it. */
  onLedgerChange?: (change: LedgerChange) => void;
  /** Draws and uploads the progress chart for 进度 (null: left out, logged); absent, no chart. */
  chart?: ChartImage;
  /** Uploads a file and sends it in a chat (导出台账); absent, the bot says it cannot. */
  shareFile?: ShareFile;
}

/** One stored change to the ledger, by any path (reply, command, button). */
export interface LedgerChange {
  occurrenceId: string;
  action: 'confirm' | 'undo' | 'verify' | 'return' | 'evidence';
  /** Whose confirmations changed; for a 退回, every section that had confirmed. */
  sections: string[];
  /** evidence: the attachments just added, as `<message id>:<key>`. */
  evidenceIds?: string[];
  /** 退回: why, and who sent it back — the App tells the sections' heads. */
  reason?: string;
  by?: string;
}

/** One message's view of the world: who asks, where, and what day it is in the plan's time zone. */
export interface CommandContext {
  deps: BotDeps;
  config: LoadedConfig;
  inbound: Inbound;
  now: Date;
  today: LocalDate;
  /** Sections the sender heads or deputises, org.yaml order. */
  senderSections: string[];
  senderIsAdmin: boolean;
}

export function commandContext(deps: BotDeps, inbound: Inbound): CommandContext {
  const config = deps.config();
  const now = deps.clock();
  return {
    deps,
    config,
    inbound,
    now,
    today: localDateAt(now, config.reminders.timezone),
    senderSections: sectionsOf(inbound.sender.openId, config.org),
    senderIsAdmin: isAdmin(inbound.sender.openId, config.org),
  };
}
