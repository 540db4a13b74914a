import express, { type Router } from 'express';
import { imageMimeType, resourceKeyOf } from '../resources.js';
import { type PageContext, refuse } from './context.js';
import { deliverAttachment } from './lark-delivery.js';

/** Files up to Lark's 30 MB; the raw body is the file itself. */
const rawBody = express.raw({ type: () => true, limit: '30mb' });

/**
 * A visitor sending an image or a file into a chat, and the bytes of any image or file message for
 * the page to show (`<img>`) or download. `POST …/attachments?from=ou_…&kind=file&name=报告.pdf`
 * with the bytes as the body: stored like Lark stores an upload and delivered as
 * `im.message.receive_v1` with message_type file or image, so the bot downloads it through the
 * message-resource API. In a group, Lark hands a message without an @ (a file or image has none)
 * to a bot only with `im:message.group_msg`, which reminders.yaml `group_messages: true` says the
 * app holds.
 */
export function mountAttachmentRoutes(router: Router, ctx: PageContext): void {
  const { standIn } = ctx;

  router.post('/emulator/api/chats/:chatId/attachments', rawBody, async (req, res) => {
    const chat = standIn.directory.chat(req.params.chatId!);
    if (!chat) return refuse(res, 404, `没有这个会话：${req.params.chatId}`);
    const from = String(req.query.from ?? '');
    const person = ctx.people().find((p) => p.openId === from);
    if (!person) return refuse(res, 400, `不认识 ${from}：请从人员列表中选择身份`);
    if (!chat.members.includes(from)) return refuse(res, 403, `${person.name} 不在「${chat.name}」中`);
    const kind = req.query.kind;
    if (kind !== 'file' && kind !== 'image') return refuse(res, 400, 'kind 须为 file 或 image');
    const name = String(req.query.name ?? '').trim();
    if (kind === 'file' && !name) return refuse(res, 400, '发送文件须带文件名（name）');
    const parentId = req.query.parentId === undefined ? undefined : String(req.query.parentId);
    const parent = parentId === undefined ? undefined : standIn.state.message(parentId);
    if (parentId !== undefined && parent?.chatId !== chat.chatId)
      return refuse(res, 400, `要回复的消息 ${parentId} 不在「${chat.name}」里`);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) return refuse(res, 400, '文件是空的：飞书不接受空文件');
    const recorded = standIn.controls.addUserAttachment({
      chatId: chat.chatId,
      senderOpenId: from,
      kind,
      bytes,
      ...(kind === 'file' ? { fileName: name } : {}),
      ...(parent ? { parentId: parent.messageId } : {}),
    });
    const delivered = chat.chatType === 'p2p' || ctx.config().reminders.group_messages;
    const message = ctx.feed.userMessage(recorded, { delivered });
    if (!delivered) return void res.status(201).json({ message, delivered });
    const status = await deliverAttachment(ctx.events, {
      messageId: recorded.messageId,
      chatId: chat.chatId,
      chatType: chat.chatType,
      senderOpenId: from,
      messageType: kind,
      content: recorded.content,
      createTime: ctx.now().getTime(),
      ...(recorded.parentId ? { parentId: recorded.parentId, rootId: recorded.rootId! } : {}),
    });
    if (status !== 200) return refuse(res, 502, `机器人的事件地址答复了 HTTP ${status}`);
    res.status(201).json({ message, delivered });
  });

  // A card's img element names an image key, not a message: the page shows any uploaded image.
  router.get('/emulator/api/images/:imageKey', (req, res) => {
    const resource = standIn.state.resources.get(req.params.imageKey!);
    if (resource?.kind !== 'image') return refuse(res, 404, `没有这张图片：${req.params.imageKey}`);
    res.set('cache-control', 'private, max-age=3600');
    res.type(imageMimeType(resource.bytes) ?? 'application/octet-stream').end(resource.bytes);
  });

  router.get('/emulator/api/messages/:messageId/resource', (req, res) => {
    const message = standIn.state.message(req.params.messageId!);
    const key = message ? resourceKeyOf(message.msgType, message.content) : undefined;
    const resource = key === undefined ? undefined : standIn.state.resources.get(key);
    if (!resource) return refuse(res, 404, `这条消息没有图片或文件：${req.params.messageId}`);
    res.set('cache-control', 'private, max-age=3600');
    if (resource.kind === 'file') {
      res.type('application/octet-stream');
      res.set(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(resource.fileName ?? 'file')}`,
      );
    } else {
      res.type(imageMimeType(resource.bytes) ?? 'application/octet-stream');
    }
    res.end(resource.bytes);
  });
}
