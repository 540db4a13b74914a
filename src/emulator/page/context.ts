import type { Response } from 'express';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../../config/load-config.js';
import type { SweepReport } from '../../reminders/sweep.js';
import type { LarkStandIn } from '../stand-in.js';
import type { EventUrl } from './lark-delivery.js';
import type { PageFeed } from './page-feed.js';
import type { PagePerson } from './people.js';

/** The emulated clock the page moves (local mode's ShiftableClock). */
export interface MovableClock {
  now(): Date;
  jumpTo(instant: Date): boolean;
  reset(): void;
}

/** What the emulator page's routes need from the running server. */
export interface EmulatorPageOptions {
  standIn: LarkStandIn;
  /** Where and how events reach the bot: its `/lark/events` URL and the app's keys. */
  events: EventUrl;
  config: () => LoadedConfig;
  /** The server's clock. */
  now: () => Date;
  /** Absent when the caller fixed the clock (tests): the clock controls then answer 409. */
  clock?: MovableClock;
  sweepNow: () => Promise<SweepReport>;
  logger: Logger;
  /**
   * The HOST the server listens on (env.host), so that the page also answers to that name or
   * address, or to any IP address when it is 0.0.0.0 or ::. Unset: loopback names only.
   */
  listenHost?: string;
}

export interface PageContext extends EmulatorPageOptions {
  /** How the bot is called in chat (local mode names it 督办). */
  botName: string;
  feed: PageFeed;
  people(): PagePerson[];
}

/** A 4xx with a message that says what to fix, in the page's language. */
export function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}
