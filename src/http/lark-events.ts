import type * as lark from '@larksuiteoapi/node-sdk';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { DubanError } from '../errors.js';
import { openEnvelope } from '../lark/inbound/open-envelope.js';
import { readRawBody } from './raw-body.js';

/** Lark events are a few KB; anything near this is not from Lark. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface LarkEventsRouteOptions {
  /** From `createEventDispatcher`: the same one the long connection uses. */
  dispatcher: lark.EventDispatcher;
  encryptKey?: string;
  verificationToken?: string;
  logger: Logger;
  now?: () => number;
  path?: string;
  /** Counts each request's outcome (metrics): accepted, challenge, rejected (4xx) or failed (5xx). */
  onOutcome?: (outcome: EventOutcome) => void;
}

export type EventOutcome = 'accepted' | 'challenge' | 'rejected' | 'failed';

/**
 * `POST /lark/events`: events and card callbacks. The route reads the raw body itself (mount it
 * before any JSON parser), verifies, decrypts and checks the token (401/400 without touching any
 * state), answers the URL challenge, then hands the event to the dispatcher, whose handlers
 * acknowledge messages at once and answer card clicks with the handler's result.
 */
export function larkEventsRouter(options: LarkEventsRouteOptions): Router {
  if (!options.encryptKey && !options.verificationToken)
    throw new DubanError(
      'config',
      'the Lark event URL needs LARK_ENCRYPT_KEY (recommended) or LARK_VERIFICATION_TOKEN, from the app’s "Events and Callbacks" page; without them anyone could post events',
      { badInput: true },
    );
  const now = options.now ?? Date.now;
  const count = options.onOutcome ?? (() => {});
  const config = { encryptKey: options.encryptKey, verificationToken: options.verificationToken };
  const router = express.Router();
  router.post(options.path ?? '/lark/events', async (req: Request, res: Response) => {
    if (req.body !== undefined) {
      options.logger.error('the Lark event route got a parsed body: mount it before express.json()');
      res.status(500).json({ error: 'raw body unavailable' });
      return;
    }
    // Read here rather than by express.raw(): one layer less per event, and the signature is
    // checked over exactly the bytes that arrived.
    const raw = await readRawBody(req, BODY_LIMIT_BYTES);
    if (raw === undefined) {
      count('rejected');
      res.status(413).json({ error: 'body too large' });
      return;
    }
    const opened = openEnvelope(raw, req.headers, config, now());
    if (opened.kind === 'reject') {
      options.logger.warn({ status: opened.status, reason: opened.reason, ip: req.ip }, 'lark event refused');
      count('rejected');
      res.status(opened.status).json({ error: opened.reason });
      return;
    }
    if (opened.kind === 'challenge') {
      count('challenge');
      res.json({ challenge: opened.challenge });
      return;
    }
    try {
      // With needCheck false the SDK reads no headers: the payload alone, as the long connection passes it.
      const answer: unknown = await options.dispatcher.invoke(opened.payload, { needCheck: false });
      count('accepted');
      res.json(typeof answer === 'object' && answer !== null ? answer : {});
    } catch (error) {
      // A 500 makes Lark deliver the event again later (a store that failed before claiming lets it through).
      options.logger.error({ err: error }, 'lark event handler failed');
      count('failed');
      res.status(500).json({ error: 'handler failed' });
    }
  });
  return router;
}
