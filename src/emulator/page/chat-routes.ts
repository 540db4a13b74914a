import type { Response, Router } from 'express';
import { z } from 'zod';
import { cardProblem } from '../card.js';
import type { DirectoryChat } from '../directory.js';
import { type PageContext, refuse } from './context.js';
import { deliverCardClick, deliverMessage } from './lark-delivery.js';
import { type PagePerson, pageChats } from './people.js';

const postSchema = z.strictObject({
  from: z.string().min(1, '缺少 from（发言人的 open_id）'),
  text: z.string().trim().min(1, '消息不能为空').max(4000, '消息太长（最多 4000 字）'),
  parentId: z.string().min(1).optional(),
  /** Group chats only: @督办 (default true). Real Lark delivers un-@ group messages to no bot. */
  mentionBot: z.boolean().optional(),
});

const clickSchema = z.strictObject({
  from: z.string().min(1, '缺少 from（点击者的 open_id）'),
  value: z.record(z.string(), z.unknown()),
});

/** People, chats, a chat's timeline, posting as a person, clicking a card's button. */
export function mountChatRoutes(router: Router, ctx: PageContext): void {
  const { standIn } = ctx;

  router.get('/emulator/api/people', (_req, res) => {
    res.json({ bot: { openId: standIn.botOpenId, name: ctx.botName }, people: ctx.people() });
  });

  router.get('/emulator/api/chats', (_req, res) => {
    res.json({ chats: pageChats(standIn.directory, ctx.config().org) });
  });

  router.get('/emulator/api/chats/:chatId/messages', (req, res) => {
    const chat = standIn.directory.chat(req.params.chatId!);
    if (!chat) return refuse(res, 404, `没有这个会话：${req.params.chatId}`);
    res.json({ messages: standIn.state.timeline(chat.chatId).map((m) => ctx.feed.times.view(m)) });
  });

  router.post('/emulator/api/chats/:chatId/messages', async (req, res) => {
    const body = parse(postSchema, req.body, res);
    if (!body) return;
    const chat = standIn.directory.chat(req.params.chatId!);
    if (!chat) return refuse(res, 404, `没有这个会话：${req.params.chatId}`);
    const person = member(ctx, chat, body.from, res);
    if (!person) return;
    const parent = body.parentId ? standIn.state.message(body.parentId) : undefined;
    if (body.parentId && parent?.chatId !== chat.chatId)
      return refuse(res, 400, `要回复的消息 ${body.parentId} 不在「${chat.name}」里`);
    const mention = chat.chatType === 'group' && body.mentionBot !== false;
    const recorded = standIn.controls.addUserMessage({
      chatId: chat.chatId,
      senderOpenId: person.openId,
      // What the chat shows: a text mention of the bot, as Lark renders "@督办 …".
      text: mention ? `<at user_id="${standIn.botOpenId}">${ctx.botName}</at> ${body.text}` : body.text,
      ...(parent ? { parentId: parent.messageId } : {}),
    });
    const delivered = chat.chatType === 'p2p' || mention;
    const message = ctx.feed.userMessage(recorded, { delivered });
    if (!delivered) return void res.status(201).json({ message, delivered });
    const status = await deliverMessage(ctx.events, {
      messageId: recorded.messageId,
      chatId: chat.chatId,
      chatType: chat.chatType,
      senderOpenId: person.openId,
      text: body.text,
      ...(mention ? { mention: { openId: standIn.botOpenId, name: ctx.botName } } : {}),
      ...(recorded.parentId ? { parentId: recorded.parentId, rootId: recorded.rootId! } : {}),
      createTime: ctx.now().getTime(),
    });
    if (status !== 200) return refuse(res, 502, `机器人的事件地址答复了 HTTP ${status}`);
    res.status(201).json({ message, delivered });
  });

  router.post('/emulator/api/messages/:messageId/click', async (req, res) => {
    const body = parse(clickSchema, req.body, res);
    if (!body) return;
    const message = standIn.state.message(req.params.messageId!);
    if (message?.msgType !== 'interactive' || message.sender.type !== 'app')
      return refuse(res, 404, `没有这张机器人卡片：${req.params.messageId}`);
    const chat = standIn.directory.chat(message.chatId)!;
    const person = member(ctx, chat, body.from, res);
    if (!person) return;
    if (!cardHasButton(message.content, body.value))
      return refuse(res, 409, '卡片上已没有这个按钮（卡片可能刚被更新），请刷新后再试');
    const answer = await deliverCardClick(ctx.events, {
      operatorOpenId: person.openId,
      value: body.value,
      messageId: message.messageId,
      chatId: message.chatId,
      createTime: ctx.now().getTime(),
    });
    if (answer.status !== 200) return refuse(res, 502, `机器人的事件地址答复了 HTTP ${answer.status}`);
    if (answer.card !== undefined) {
      const problem = cardProblem(answer.card);
      if (problem) return refuse(res, 502, `机器人返回的卡片飞书会拒绝：${problem}`);
      // Lark redraws the card in place for everyone who sees it.
      message.content = answer.card;
      message.rawContent = JSON.stringify(answer.card);
      message.updateTime = Date.now();
      message.updates += 1;
      standIn.state.recordPatch(message);
    }
    res.json({
      toast: answer.toast ?? null,
      updated: answer.card !== undefined,
      message: ctx.feed.times.view(message),
    });
  });
}

function member(
  ctx: PageContext,
  chat: DirectoryChat,
  openId: string,
  res: Response,
): PagePerson | undefined {
  const person = ctx.people().find((p) => p.openId === openId);
  if (!person) return void refuse(res, 400, `不认识 ${openId}：请从人员列表中选择身份`);
  if (!chat.members.includes(openId)) return void refuse(res, 403, `${person.name} 不在「${chat.name}」中`);
  return person;
}

/** Lark only sends values a card's buttons carry; the page may not invent others. */
function cardHasButton(card: unknown, value: Record<string, unknown>): boolean {
  const wanted = JSON.stringify(value);
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (typeof node !== 'object' || node === null) return false;
    const record = node as Record<string, unknown>;
    if (record.type === 'callback' && JSON.stringify(record.value) === wanted) return true;
    return Object.values(record).some(visit);
  };
  return visit(card);
}

function parse<T>(schema: z.ZodType<T>, body: unknown, res: Response): T | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message);
  return void refuse(res, 400, problems.join('；'));
}
