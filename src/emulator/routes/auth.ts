import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { fail, respond, type StandInContext } from '../context.js';

/** `POST /open-apis/auth/v3/tenant_access_token/internal`: app id and secret → a tenant token. */
export function mountTokenRoute(router: Router, ctx: StandInContext): void {
  router.post('/open-apis/auth/v3/tenant_access_token/internal', (req, res) => {
    const body = (req.body ?? {}) as { app_id?: unknown; app_secret?: unknown };
    if (body.app_id !== ctx.appId) return fail(ctx, req, res, 400, 10003, 'invalid param: app_id not found');
    if (body.app_secret !== ctx.appSecret) return fail(ctx, req, res, 400, 10014, 'app secret invalid');
    const { token, expireSeconds } = ctx.tokens.issue();
    respond(ctx, req, res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: expireSeconds });
  });
}

/** Rejects requests without a live tenant token the way Lark's gateway does. */
export function requireTenantToken(ctx: StandInContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/.exec(header);
    if (!match) return fail(ctx, req, res, 400, 99991661, 'Missing access token for authorization.');
    if (!ctx.tokens.isValid(match[1]!))
      return fail(
        ctx,
        req,
        res,
        400,
        99991663,
        'Invalid access token for authorization. Please make a request with token attached.',
      );
    next();
  };
}
