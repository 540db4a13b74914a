import type { Router } from 'express';
import { fail, respond, type StandInContext } from '../context.js';
import type { DirectoryUser } from '../directory.js';

/** Bot info, chat members, one user, ids by email or mobile: the read-only calls duban makes. */
export function mountDirectoryRoutes(router: Router, ctx: StandInContext): void {
  router.get('/open-apis/bot/v3/info', (req, res) => {
    respond(ctx, req, res, 200, {
      code: 0,
      msg: 'ok',
      bot: {
        activate_status: 2,
        app_name: ctx.botName,
        avatar_url: '',
        ip_white_list: [],
        open_id: ctx.botOpenId,
      },
    });
  });

  router.get('/open-apis/im/v1/chats/:chat_id/members', (req, res) => {
    const chat = ctx.directory.chat(req.params.chat_id);
    if (!chat?.botIsMember) return fail(ctx, req, res, 400, 232011, 'The operator is not in the chat.');
    const pageSize = Math.min(100, Math.max(1, Number(req.query.page_size ?? 20) || 20));
    const start = Number(req.query.page_token ?? 0) || 0;
    const page = chat.members.slice(start, start + pageSize);
    const hasMore = start + pageSize < chat.members.length;
    respond(ctx, req, res, 200, {
      code: 0,
      msg: 'success',
      data: {
        items: page.map((openId) => ({
          member_id_type: 'open_id',
          member_id: openId,
          name: ctx.directory.user(openId)?.name ?? '',
          tenant_key: ctx.tenantKey,
        })),
        page_token: hasMore ? String(start + pageSize) : '',
        has_more: hasMore,
        member_total: chat.members.length,
      },
    });
  });

  router.get('/open-apis/contact/v3/users/:user_id', (req, res) => {
    const idType = String(req.query.user_id_type ?? 'open_id');
    const user = ctx.directory.findUser(idType, req.params.user_id);
    // 41050 is what Lark answers when the user is outside the app's contact scope.
    if (!user) return fail(ctx, req, res, 400, 41050, 'no user authority error');
    respond(ctx, req, res, 200, { code: 0, msg: 'success', data: { user: userData(user) } });
  });

  router.post('/open-apis/contact/v3/users/batch_get_id', (req, res) => {
    const body = (req.body ?? {}) as { emails?: unknown; mobiles?: unknown };
    const emails = Array.isArray(body.emails) ? body.emails.filter((e) => typeof e === 'string') : [];
    const mobiles = Array.isArray(body.mobiles) ? body.mobiles.filter((m) => typeof m === 'string') : [];
    const users = ctx.directory.listUsers();
    const userList = [
      ...emails.map((email) => ({ email, user_id: users.find((u) => u.email === email)?.openId })),
      ...mobiles.map((mobile) => ({ mobile, user_id: users.find((u) => u.mobile === mobile)?.openId })),
    ];
    respond(ctx, req, res, 200, { code: 0, msg: 'success', data: { user_list: userList } });
  });
}

function userData(user: DirectoryUser) {
  return {
    open_id: user.openId,
    union_id: user.unionId,
    user_id: user.userId,
    name: user.name,
    email: user.email,
    mobile: user.mobile,
    department_ids: [],
  };
}
