import type { Request, Response, Router } from 'express';
import { fail, respond, type StandInContext } from '../context.js';
import { type FormPart, multipartBoundary, parseMultipart } from '../multipart.js';
import {
  FILE_LIMIT_BYTES,
  IMAGE_LIMIT_BYTES,
  imageMimeType,
  resourceKeyOf,
  type StoredResource,
} from '../resources.js';

/** Lark's 234xxx codes for resources, as the stand-in answers them. */
const INVALID_PARAM = 234001;
const FILE_NOT_IN_MESSAGE = 234003;
const BOT_NOT_IN_CHAT = 234004;
const TOO_LARGE = 234006;
const EMPTY = 234010;
const NOT_AN_IMAGE = 234011;

/** Room for the multipart envelope (boundaries, headers, the other fields) around the bytes. */
const ENVELOPE_BYTES = 64 * 1024;
const IMAGE_TYPES = new Set(['message', 'avatar']);
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

/**
 * Image and file uploads (`im/v1/images`, `im/v1/files`) and the download of a message's resource
 * (`im/v1/messages/:id/resources/:key`), with Lark's size limits and checks.
 */
export function mountUploadRoutes(router: Router, ctx: StandInContext): void {
  router.post('/open-apis/im/v1/images', async (req, res) => {
    const parts = await readForm(ctx, req, res, IMAGE_LIMIT_BYTES);
    if (!parts) return;
    const imageType = textField(parts, 'image_type');
    if (!imageType || !IMAGE_TYPES.has(imageType))
      return fail(ctx, req, res, 400, INVALID_PARAM, 'image_type must be "message" or "avatar"');
    const image = parts.find((p) => p.name === 'image');
    if (!image) return fail(ctx, req, res, 400, INVALID_PARAM, 'the multipart field "image" is missing');
    if (!checkSize(ctx, req, res, image.data, IMAGE_LIMIT_BYTES)) return;
    if (!imageMimeType(image.data))
      return fail(
        ctx,
        req,
        res,
        400,
        NOT_AN_IMAGE,
        "Can't recognize the image format (PNG, JPEG, GIF, WEBP, BMP)",
      );
    const stored = ctx.state.resources.put({ kind: 'image', bytes: image.data });
    respond(ctx, req, res, 200, { code: 0, msg: 'success', data: { image_key: stored.key } });
  });

  router.post('/open-apis/im/v1/files', async (req, res) => {
    const parts = await readForm(ctx, req, res, FILE_LIMIT_BYTES);
    if (!parts) return;
    const fileType = textField(parts, 'file_type');
    if (!fileType || !FILE_TYPES.has(fileType))
      return fail(
        ctx,
        req,
        res,
        400,
        INVALID_PARAM,
        `file_type must be one of ${[...FILE_TYPES].join(', ')}`,
      );
    const fileName = textField(parts, 'file_name');
    if (!fileName) return fail(ctx, req, res, 400, INVALID_PARAM, 'file_name is missing');
    const file = parts.find((p) => p.name === 'file');
    if (!file) return fail(ctx, req, res, 400, INVALID_PARAM, 'the multipart field "file" is missing');
    if (!checkSize(ctx, req, res, file.data, FILE_LIMIT_BYTES)) return;
    const stored = ctx.state.resources.put({ kind: 'file', bytes: file.data, fileName, fileType });
    respond(ctx, req, res, 200, { code: 0, msg: 'success', data: { file_key: stored.key } });
  });

  router.get('/open-apis/im/v1/messages/:message_id/resources/:file_key', (req, res) => {
    const type = String(req.query.type ?? '');
    if (type !== 'image' && type !== 'file')
      return fail(ctx, req, res, 400, INVALID_PARAM, 'type must be "image" or "file"');
    const message = ctx.state.message(req.params.message_id!);
    if (!message)
      return fail(ctx, req, res, 400, INVALID_PARAM, `invalid message_id ${req.params.message_id}`);
    if (!ctx.directory.chat(message.chatId)?.botIsMember)
      return fail(ctx, req, res, 400, BOT_NOT_IN_CHAT, 'Bot is not in the chat of this message.');
    const key = req.params.file_key!;
    const resource = ctx.state.resources.get(key);
    if (resourceKeyOf(message.msgType, message.content) !== key || resource?.kind !== type)
      return fail(
        ctx,
        req,
        res,
        400,
        FILE_NOT_IN_MESSAGE,
        `File not in msg: ${message.msgType} message has no ${type} ${key}`,
      );
    sendBytes(ctx, req, res, resource);
  });
}

function sendBytes(ctx: StandInContext, req: Request, res: Response, resource: StoredResource): void {
  const path = req.originalUrl.split('?')[0]!;
  ctx.state.recordResponse({ method: req.method, path, status: 200, code: 0, at: ctx.now() });
  const contentType = resource.kind === 'image' ? imageMimeType(resource.bytes)! : 'application/octet-stream';
  res.status(200).set('content-type', contentType);
  if (resource.fileName)
    res.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(resource.fileName)}`);
  res.end(resource.bytes);
}

/** Reads the whole multipart body, refusing early (and draining) a body past `limit` plus envelope. */
async function readForm(
  ctx: StandInContext,
  req: Request,
  res: Response,
  limit: number,
): Promise<FormPart[] | undefined> {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary)
    return void fail(
      ctx,
      req,
      res,
      400,
      INVALID_PARAM,
      'the body must be multipart/form-data with a boundary',
    );
  const cap = limit + ENVELOPE_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= cap) chunks.push(chunk);
  }
  if (size > cap) return void tooLarge(ctx, req, res, size, limit);
  try {
    return parseMultipart(Buffer.concat(chunks), boundary);
  } catch (error) {
    return void fail(
      ctx,
      req,
      res,
      400,
      INVALID_PARAM,
      `malformed multipart body: ${(error as Error).message}`,
    );
  }
}

function checkSize(ctx: StandInContext, req: Request, res: Response, data: Buffer, limit: number): boolean {
  if (data.length === 0) {
    fail(ctx, req, res, 400, EMPTY, "File's size can't be 0");
    return false;
  }
  if (data.length > limit) {
    tooLarge(ctx, req, res, data.length, limit);
    return false;
  }
  return true;
}

function tooLarge(ctx: StandInContext, req: Request, res: Response, size: number, limit: number): void {
  fail(ctx, req, res, 400, TOO_LARGE, `The file size exceed the max value: ${size} bytes > ${limit}`);
}

function textField(parts: FormPart[], name: string): string | undefined {
  const part = parts.find((p) => p.name === name);
  return part ? part.data.toString('utf8') : undefined;
}
