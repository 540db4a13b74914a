import type { StandInContext } from './context.js';
import type { RecordedMessage } from './state.js';

export interface UserMessageInput {
  chatId: string;
  senderOpenId: string;
  msgType: 'text' | 'image' | 'file';
  content: Record<string, unknown>;
  parentId?: string;
}

/**
 * Records a message a user wrote, so the bot can reply to it or download what it carries. With
 * `parentId` it is a reply in Lark's sense (root = the parent's root, or the parent).
 */
export function recordUserMessage(ctx: StandInContext, input: UserMessageInput): RecordedMessage {
  const chat = ctx.directory.chat(input.chatId);
  if (!chat) throw new Error(`the stand-in has no chat ${input.chatId}`);
  const parent = input.parentId === undefined ? undefined : ctx.state.message(input.parentId);
  if (input.parentId !== undefined && parent?.chatId !== input.chatId)
    throw new Error(`the stand-in has no message ${input.parentId} in chat ${input.chatId}`);
  const at = ctx.now();
  const message: RecordedMessage = {
    messageId: ctx.nextMessageId(),
    chatId: input.chatId,
    chatType: chat.chatType,
    msgType: input.msgType,
    content: input.content,
    rawContent: JSON.stringify(input.content),
    createTime: at,
    updateTime: at,
    sender: { type: 'user', openId: input.senderOpenId },
    updateMulti: false,
    updates: 0,
    ...(parent ? { parentId: parent.messageId, rootId: parent.rootId ?? parent.messageId } : {}),
  };
  ctx.state.recordMessage(message);
  return message;
}

export interface UserAttachmentInput {
  chatId: string;
  senderOpenId: string;
  kind: 'image' | 'file';
  bytes: Buffer;
  /** Files: the name shown in the chat (required); images have none. */
  fileName?: string;
  parentId?: string;
}

/**
 * A user sending an image or a file: the bytes are stored as Lark would (so the bot can download
 * them through the message-resource API) and the message carries Lark's content for that type —
 * `{"image_key"}` or `{"file_key","file_name"}`.
 */
export function recordUserAttachment(ctx: StandInContext, input: UserAttachmentInput): RecordedMessage {
  if (input.bytes.length === 0)
    throw new Error('an attachment needs at least one byte (Lark refuses empty files)');
  if (input.kind === 'file' && !input.fileName) throw new Error('a file message needs a fileName');
  const stored = ctx.state.resources.put({
    kind: input.kind,
    bytes: input.bytes,
    ...(input.kind === 'file' ? { fileName: input.fileName!, fileType: 'stream' } : {}),
  });
  const content =
    input.kind === 'image' ? { image_key: stored.key } : { file_key: stored.key, file_name: input.fileName! };
  return recordUserMessage(ctx, {
    chatId: input.chatId,
    senderOpenId: input.senderOpenId,
    msgType: input.kind,
    content,
    ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
  });
}
