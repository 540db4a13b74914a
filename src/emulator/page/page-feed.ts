import type { Request, Response } from 'express';
import type { RecordedMessage, StandInState } from '../state.js';
import { EmulatedTimes, type PageMessage } from './message-view.js';

/** Server-Sent Events keep-alive: proxies and phones drop a silent stream after a minute or so. */
const HEARTBEAT_MS = 20_000;

/**
 * The page's live feed: every message the bot sends, every card redrawn, every message a visitor
 * posts and every clock move, pushed to open pages as Server-Sent Events (`message`, `patch`,
 * `clock`). Pages that cannot keep a stream open poll the timeline instead.
 */
export class PageFeed {
  readonly times: EmulatedTimes;
  private readonly clients = new Set<Response>();
  private readonly onMessage = (m: RecordedMessage) => {
    this.times.stamp(m.messageId, this.now());
    this.publish('message', this.times.view(m));
  };
  private readonly onPatch = (m: RecordedMessage) => this.publish('patch', this.times.view(m));
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly state: StandInState,
    private readonly now: () => Date,
  ) {
    this.times = new EmulatedTimes((key) => state.resources.get(key)?.fileName);
    state.on('message', this.onMessage);
    state.on('patch', this.onPatch);
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS).unref();
  }

  /** A visitor's own message (the stand-in does not announce those). */
  userMessage(message: RecordedMessage, options: { delivered: boolean }): PageMessage {
    this.times.stamp(message.messageId, this.now());
    if (!options.delivered) this.times.markNotDelivered(message.messageId);
    const view = this.times.view(message);
    this.publish('message', view);
    return view;
  }

  publish(event: 'message' | 'patch' | 'clock', data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  /** `GET …/stream`: holds the response open and writes events to it until the page goes. */
  stream = (req: Request, res: Response): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  };

  /** Ends every stream, so the HTTP server can close without waiting on open pages. */
  close(): void {
    clearInterval(this.heartbeat);
    this.state.off('message', this.onMessage);
    this.state.off('patch', this.onPatch);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
