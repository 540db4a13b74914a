import type * as lark from '@larksuiteoapi/node-sdk';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { DubanError } from '../errors.js';
import { isUnsigned, openEnvelope, UNSIGNED_BODY_LIMIT_BYTES } from '../lark/inbound/open-envelope.js';
import { readRawBody } from './raw-body.js';

/** Lark events are a few KB; anything near this is not from Lark. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * What a refused request is told: the status alone decides it. Which check failed goes to the log
 * only, so no sender can tell bad padding from bad plaintext (a CBC padding oracle) or learn which
 * of our checks it got past.
 */
const REFUSAL_BODIES = {
  400: { error: 'unreadable body (the reason is in the server log)' },
  401: { error: 'not a genuine Lark request (the reason is in the server log)' },
  413: { error: 'body too large' },
} as const;

export interface LarkEventsRouteOptions {
  /** From `createEventDispatcher`: the same one the long connection uses. */
  dispatcher: lark.EventDispatcher;
  encryptKey?: string;
  verificationToken?: string;
  /**
   * Accept unsigned events when no encrypt key is set (LARK_ALLOW_UNSIGNED=1): the verification
   * token is then the only check, with no signature, timestamp or replay protection. Without it,
   * a verification token alone refuses to start.
   */
  allowUnsigned?: boolean;
  logger: Logger;
  now?: () => number;
  path?: string;
  /** Counts each request's outcome (metrics): accepted, challenge, rejected (4xx) or failed (5xx). */
  onOutcome?: (outcome: EventOutcome) => void;
}

export type EventOutcome = 'accepted' | 'challenge' | 'rejected' | 'failed';

/**
 * `POST /lark/events`: events and card callbacks. The route reads the raw body itself (mount it
 * before any JSON parser) — at most 4 KB of an unsigned one when an encrypt key is set — verifies
 * the signature over those bytes, then decrypts and checks the token (401/400/413 without touching
 * any state, one fixed body per status), answers the URL challenge, then hands the event to the
 * dispatcher, whose handlers acknowledge messages at once and answer card clicks with the
 * handler's result. Throws a bad-input error when the options would let anyone post events.
 */
export function larkEventsRouter(options: LarkEventsRouteOptions): Router {
  refuseUnauthenticatedSetup(options);
  const now = options.now ?? Date.now;
  const count = options.onOutcome ?? (() => {});
  const config = { encryptKey: options.encryptKey, verificationToken: options.verificationToken };
  const router = express.Router();
  router.post(options.path ?? '/lark/events', async (req: Request, res: Response) => {
    const refuse = (status: keyof typeof REFUSAL_BODIES, reason: string) => {
      options.logger.warn({ status, reason, ip: req.ip }, 'lark event refused');
      count('rejected');
      res.status(status).json(REFUSAL_BODIES[status]);
    };
    if (req.body !== undefined) {
      options.logger.error('the Lark event route got a parsed body: mount it before express.json()');
      res.status(500).json({ error: 'raw body unavailable' });
      return;
    }
    // Read here rather than by express.raw(): one layer less per event, and the signature is
    // checked over exactly the bytes that arrived.
    // Unsigned bodies (only the URL challenge may be one) are capped before a byte is parsed.
    const unsigned = isUnsigned(req.headers, config);
    const raw = await readRawBody(req, unsigned ? UNSIGNED_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES);
    if (raw === undefined) {
      refuse(
        unsigned ? 401 : 413,
        unsigned
          ? `missing signature headers (an unsigned body over ${UNSIGNED_BODY_LIMIT_BYTES} bytes, not read)`
          : `body over ${BODY_LIMIT_BYTES} bytes`,
      );
      return;
    }
    const opened = openEnvelope(raw, req.headers, config, now());
    if (opened.kind === 'reject') {
      refuse(opened.status, opened.reason);
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

const TOKEN_ONLY_REFUSED =
  'LARK_VERIFICATION_TOKEN without LARK_ENCRYPT_KEY cannot authenticate Lark events: Lark signs nothing then, so anyone who has seen one event (the token is in every body) can post events or replay old ones — set LARK_ENCRYPT_KEY from the app’s 事件与回调 → 加密策略 (Events and Callbacks → Encryption) page, or LARK_ALLOW_UNSIGNED=1 to accept unsigned events knowingly';

/**
 * Refuses to build a route that anyone could post to: with no encrypt key Lark signs nothing, so
 * a verification token alone (which every event carries in its body) is accepted only when the
 * operator has said so, and then loudly.
 */
function refuseUnauthenticatedSetup(options: LarkEventsRouteOptions): void {
  if (options.encryptKey) return;
  if (!options.verificationToken)
    throw new DubanError(
      'config',
      'the Lark event URL needs LARK_ENCRYPT_KEY, from the app’s 事件与回调 → 加密策略 (Events and Callbacks → Encryption) page; without it anyone could post events',
      { badInput: true },
    );
  if (!options.allowUnsigned) throw new DubanError('config', TOKEN_ONLY_REFUSED, { badInput: true });
  options.logger.warn(
    'LARK_ALLOW_UNSIGNED=1: Lark events are accepted unsigned, checked by the verification token alone — no signature, no timestamp, no replay check; anyone who has seen one event can post or replay events. Set LARK_ENCRYPT_KEY to stop this.',
  );
}
