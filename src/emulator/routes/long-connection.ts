import express, { type Router } from 'express';
import { respond, type StandInContext } from '../context.js';
import { LONG_CONNECTION_PATH } from '../long-connection/hub.js';

/**
 * The SDK's WSClient starts by asking `POST /callback/ws/endpoint` (body `{AppID, AppSecret}`)
 * where to connect: `data.URL` is the socket, `data.ClientConfig` its ping and retry timing.
 * A stand-in whose server has no socket (`attachLongConnection` not called) says so, the way Lark
 * answers an app without the long connection enabled, so a misconfigured run fails loudly
 * instead of waiting for events that never come. Codes are the SDK's: 0 ok, 514 auth failed,
 * 1000040350 too many connections; anything but 1000040343 makes the SDK give up.
 */
export function mountLongConnectionRoute(router: Router, ctx: StandInContext): void {
  const hub = ctx.longConnection;
  router.post('/callback/ws/endpoint', express.json({ limit: '16kb' }), (req, res) => {
    if (!hub.attached) {
      respond(ctx, req, res, 200, {
        code: 1000040345,
        msg: 'the Lark stand-in has no long connection here: use LARK_EVENT_MODE=webhook',
        data: {},
      });
      return;
    }
    const body = (req.body ?? {}) as { AppID?: unknown; AppSecret?: unknown };
    if (body.AppID !== ctx.appId || body.AppSecret !== ctx.appSecret) {
      respond(ctx, req, res, 200, {
        code: 514,
        msg: 'auth failed: unknown AppID or wrong AppSecret',
        data: {},
      });
      return;
    }
    const query = hub.issueTicket();
    if (query === undefined) {
      respond(ctx, req, res, 200, { code: 1000040350, msg: 'exceed connection limit', data: {} });
      return;
    }
    const scheme = req.protocol === 'https' ? 'wss' : 'ws';
    respond(ctx, req, res, 200, {
      code: 0,
      msg: 'ok',
      data: {
        URL: `${scheme}://${req.get('host')}${LONG_CONNECTION_PATH}?${query}`,
        ClientConfig: hub.clientConfig(),
      },
    });
  });
}
