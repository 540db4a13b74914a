import { readFileSync } from 'node:fs';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { mountAttachmentRoutes } from './attachment-routes.js';
import { mountChatRoutes } from './chat-routes.js';
import { mountClockRoutes } from './clock-routes.js';
import type { EmulatorPageOptions, PageContext } from './context.js';
import { hostGuard } from './host-guard.js';
import { PageFeed } from './page-feed.js';
import { pagePeople, seedPageDirectory } from './people.js';

export type { EmulatorPageOptions, MovableClock } from './context.js';

export interface EmulatorPage {
  /** `GET /` and `/emulator` (the page), `/emulator/api/...` (what it calls). */
  router: Router;
  /** Ends the page's open event streams so the server can close. */
  close(): void;
}

/**
 * Local mode's web chat page: be anyone in org.yaml (or a colleague it does not list), talk in the
 * bureau's groups or privately with the bot, click its cards, move the clock. Everything the page
 * sends reaches the bot as Lark would deliver it; nothing here talks to the bot directly. Mount
 * only in local mode: with a real Lark app these routes must not exist.
 */
export function createEmulatorPage(options: EmulatorPageOptions): EmulatorPage {
  // Read once at start: a missing file fails the server's start, not the first visitor.
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  let cachedFor: unknown;
  let people = pagePeople(options.config().org);
  const ctx: PageContext = {
    ...options,
    botName: '督办',
    feed: new PageFeed(options.standIn.state, options.now),
    people() {
      // Follow a config reload: new people get a directory entry and a private chat.
      const org = options.config().org;
      if (org !== cachedFor) {
        people = pagePeople(org);
        seedPageDirectory(options.standIn.directory, org, people);
        cachedFor = org;
      }
      return people;
    },
  };
  ctx.people();

  const router = express.Router();
  const page = (_req: Request, res: Response) => {
    res.set('cache-control', 'no-cache').type('html').send(html);
  };
  // Before anything else the page serves: only this machine's names (DNS rebinding, see hostGuard).
  const guard = hostGuard(options.listenHost);
  router.all('/', guard);
  router.use('/emulator', guard);
  router.get('/', page);
  router.get('/emulator', page);
  router.get('/emulator/api/stream', ctx.feed.stream);
  // Before the JSON parser: an attachment's body is the file's bytes.
  mountAttachmentRoutes(router, ctx);
  router.use('/emulator/api', express.json({ limit: '64kb' }));
  mountChatRoutes(router, ctx);
  mountClockRoutes(router, ctx);
  router.use('/emulator/api', (req: Request, res: Response) => {
    res.status(404).json({ error: `没有这个接口：${req.method} ${req.originalUrl}` });
  });
  router.use('/emulator/api', (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) options.logger.error({ err: error }, 'emulator page request failed');
    res
      .status(status)
      .json({ error: status === 400 ? `请求体不是合法的 JSON：${String(error)}` : '服务器出错' });
  });
  return { router, close: () => ctx.feed.close() };
}
