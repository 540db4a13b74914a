import type { Request, Response, Router } from 'express';
import { parseContent } from '../content.js';
import { fail, respond, type StandInContext } from '../context.js';
import type { DirectoryChat } from '../directory.js';
import { resourceKeyOf } from '../resources.js';
import type { RecordedMessage } from '../state.js';

const UUID_WINDOW_MS = 60 * 60 * 1000;
const UUID_MAX_LENGTH = 50;
const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
const RECEIVE_ID_TYPES = new Set(['chat_id', 'open_id', 'user_id', 'union_id', 'email']);

interface MessageBody {
  receive_id?: unknown;
  msg_type?: unknown;
  content?: unknown;
  uuid?: unknown;
}

/** Send, reply and patch: the three calls the outbox makes, with Lark's limits enforced. */
export function mountMessageRoutes(router: Router, ctx: StandInContext): void {
  router.post('/open-apis/im/v1/messages', (req, res) => {
    if (!admit(ctx, req, res)) return;
    const body = (req.body ?? {}) as MessageBody;
    const idType = String(req.query.receive_id_type ?? '');
    if (!RECEIVE_ID_TYPES.has(idType))
      return fail(ctx, req, res, 400, 99992402, `field validation failed: receive_id_type "${idType}"`);
    if (typeof body.receive_id !== 'string')
      return fail(ctx, req, res, 400, 99992402, 'field validation failed: receive_id');
    const chat = resolveTarget(ctx, req, res, idType, body.receive_id);
    if (chat) create(ctx, req, res, chat, body, undefined);
  });

  router.post('/open-apis/im/v1/messages/:message_id/reply', (req, res) => {
    if (!admit(ctx, req, res)) return;
    const parent = ctx.state.message(req.params.message_id!);
    if (!parent) return fail(ctx, req, res, 400, 230001, `invalid message_id ${req.params.message_id}`);
    const chat = ctx.directory.chat(parent.chatId);
    if (!chat?.botIsMember) return fail(ctx, req, res, 400, 230002, 'Bot is not in the chat.');
    return create(ctx, req, res, chat, (req.body ?? {}) as MessageBody, parent);
  });

  router.patch('/open-apis/im/v1/messages/:message_id', (req, res) => {
    if (!admit(ctx, req, res)) return;
    const target = ctx.state.message(req.params.message_id!);
    if (!target) return fail(ctx, req, res, 400, 230001, `invalid message_id ${req.params.message_id}`);
    if (target.sender.type !== 'app' || target.msgType !== 'interactive')
      return fail(ctx, req, res, 400, 230001, 'only cards the bot sent can be updated');
    if (!target.updateMulti)
      return fail(ctx, req, res, 400, 230001, 'the card was not sent with config.update_multi: true');
    if (ctx.now() - target.createTime > PATCH_WINDOW_MS)
      return fail(ctx, req, res, 400, 230031, 'the message is past its 14-day update window');
    const parsed = parseContent('interactive', (req.body as MessageBody | undefined)?.content);
    if (!parsed.ok) return fail(ctx, req, res, 400, parsed.code, parsed.msg);
    if (!ctx.limits.messageUpdate.tryAdmit(target.messageId, ctx.now()).admitted)
      return fail(ctx, req, res, 400, 230020, 'This message is being updated too often.');
    target.content = parsed.value;
    target.rawContent = (req.body as { content: string }).content;
    target.updateMulti = parsed.updateMulti;
    target.updateTime = ctx.now();
    target.updates += 1;
    ctx.state.recordPatch(target);
    respond(ctx, req, res, 200, { code: 0, msg: 'success', data: {} });
  });
}

/** Injected faults first, then the per-app limits: the gateway answers before the IM service. */
function admit(ctx: StandInContext, req: Request, res: Response): boolean {
  const fault = ctx.faults.take();
  if (fault) {
    fail(ctx, req, res, fault.status, fault.code, fault.msg, fault.headers);
    return false;
  }
  const now = ctx.now();
  for (const window of ctx.limits.app) {
    const verdict = window.tryAdmit(now);
    if (!verdict.admitted) {
      const resetSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      fail(ctx, req, res, 429, 99991400, 'request trigger frequency limit', {
        'x-ogw-ratelimit-reset': String(resetSeconds),
      });
      return false;
    }
  }
  return true;
}

function resolveTarget(
  ctx: StandInContext,
  req: Request,
  res: Response,
  idType: string,
  receiveId: string,
): DirectoryChat | undefined {
  if (idType === 'chat_id') {
    const chat = ctx.directory.chat(receiveId);
    if (chat?.botIsMember) return chat;
    fail(ctx, req, res, 400, 230002, 'Bot is not in the chat.');
    return undefined;
  }
  const user = ctx.directory.findUser(idType, receiveId);
  if (user) return ctx.directory.p2pChatWith(user);
  fail(ctx, req, res, 400, 230013, 'Bot has NO availability to this user.');
  return undefined;
}

function create(
  ctx: StandInContext,
  req: Request,
  res: Response,
  chat: DirectoryChat,
  body: MessageBody,
  parent: RecordedMessage | undefined,
): unknown {
  const parsed = parseContent(body.msg_type, body.content);
  if (!parsed.ok) return fail(ctx, req, res, 400, parsed.code, parsed.msg);
  const missing = missingResource(ctx, body.msg_type as string, parsed.value);
  if (missing) return fail(ctx, req, res, 400, 230001, missing);
  if (body.uuid !== undefined && (typeof body.uuid !== 'string' || body.uuid.length > UUID_MAX_LENGTH))
    return fail(
      ctx,
      req,
      res,
      400,
      99992402,
      `field validation failed: uuid must be at most ${UUID_MAX_LENGTH} characters`,
    );
  const now = ctx.now();
  if (!ctx.limits.chat.tryAdmit(chat.chatId, now).admitted)
    return fail(ctx, req, res, 400, 230020, 'This chat is being rate limited.');
  const uuid = body.uuid as string | undefined;
  const earlier = uuid === undefined ? undefined : ctx.uuids.get(uuid);
  if (earlier && now - earlier.at < UUID_WINDOW_MS)
    return respond(ctx, req, res, 200, { code: 0, msg: 'success', data: messageData(ctx, earlier.message) });
  const message: RecordedMessage = {
    messageId: ctx.nextMessageId(),
    chatId: chat.chatId,
    chatType: chat.chatType,
    msgType: body.msg_type as string,
    content: parsed.value,
    rawContent: body.content as string,
    createTime: now,
    updateTime: now,
    sender: { type: 'app', appId: ctx.appId },
    updateMulti: parsed.updateMulti,
    updates: 0,
    ...(uuid === undefined ? {} : { uuid }),
    ...(parent ? { parentId: parent.messageId, rootId: parent.rootId ?? parent.messageId } : {}),
  };
  if (uuid !== undefined) rememberUuid(ctx, uuid, message, now);
  ctx.state.recordMessage(message);
  return respond(ctx, req, res, 200, { code: 0, msg: 'success', data: messageData(ctx, message) });
}

/** An image or file message must name a key uploaded as that kind (Lark refuses others). */
function missingResource(ctx: StandInContext, msgType: string, content: unknown): string | undefined {
  const key = resourceKeyOf(msgType, content);
  if (key === undefined) return undefined;
  const kind = msgType === 'image' ? 'image' : 'file';
  if (ctx.state.resources.get(key)?.kind === kind) return undefined;
  return `invalid ${kind}_key ${JSON.stringify(key)}: upload it first with POST /open-apis/im/v1/${kind}s`;
}

/** Keeps uuids for Lark's hour, forgetting older ones now and then so local mode stays small. */
function rememberUuid(ctx: StandInContext, uuid: string, message: RecordedMessage, now: number): void {
  ctx.uuids.set(uuid, { message, at: now });
  if (ctx.uuids.size % 1024 !== 0) return;
  for (const [key, entry] of ctx.uuids) if (now - entry.at >= UUID_WINDOW_MS) ctx.uuids.delete(key);
}

function messageData(ctx: StandInContext, m: RecordedMessage) {
  return {
    message_id: m.messageId,
    root_id: m.rootId,
    parent_id: m.parentId,
    msg_type: m.msgType,
    create_time: String(m.createTime),
    update_time: String(m.updateTime),
    deleted: false,
    updated: m.updates > 0,
    chat_id: m.chatId,
    sender: { id: ctx.appId, id_type: 'app_id', sender_type: 'app', tenant_key: ctx.tenantKey },
    body: { content: m.rawContent },
  };
}
