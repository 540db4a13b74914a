import type { Router } from 'express';
import { respond, type StandInContext } from '../context.js';

/**
 * The SDK's WSClient starts by asking `POST /callback/ws/endpoint` where to connect. The stand-in
 * has no long connection: it says so, the way Lark answers an app without one enabled, so a
 * misconfigured local run fails loudly instead of waiting for events that never come.
 */
export function mountLongConnectionRoute(router: Router, ctx: StandInContext): void {
  router.post('/callback/ws/endpoint', (req, res) => {
    respond(ctx, req, res, 200, {
      code: 1000040345,
      msg: 'the Lark stand-in has no long connection: use LARK_EVENT_MODE=webhook',
      data: {},
    });
  });
}
