import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/emulator/clock.js';
import { messageReceiveEvent } from '../../src/emulator/events.js';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { downloadResource } from '../../src/lark/download-resource.js';
import { classifyLarkResult, LarkApiError } from '../../src/lark/errors.js';
import { uploadFile, uploadImage } from '../../src/lark/upload-resource.js';
import { silentLogger } from '../helpers/lark-log.js';
import {
  ALICE,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';

/** The smallest valid PNG: 1×1, one red pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
/** Every byte value, twice: a text decoder anywhere on the way would change these. */
const BINARY = Buffer.from([...Array(512).keys()].map((i) => i % 256));

let running: RunningStandIn;
let client: LarkClient;

beforeEach(async () => {
  running = await startStandIn({ now: createManualClock().now });
  client = createLarkClient({
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    domain: running.url,
    logger: silentLogger,
  });
});
afterEach(() => running.close());

function sendAs(msgType: string, content: unknown) {
  return client.sdk.im.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: GROUP_CHAT, msg_type: msgType, content: JSON.stringify(content) },
  });
}

/** What a failed upload or download was refused with. */
async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof LarkApiError) return error.larkCode;
  if (error === undefined) throw new Error('expected a refusal, got success');
  return classifyLarkResult(error).code;
}

describe('uploads through the real SDK', () => {
  it('uploads an image, sends it as an image message and downloads the same bytes', async () => {
    const imageKey = await uploadImage(client, PNG);
    expect(imageKey).toMatch(/^img_v3_/);
    const sent = await sendAs('image', { image_key: imageKey });
    const messageId = sent.data!.message_id!;
    expect(running.standIn.state.message(messageId)).toMatchObject({
      msgType: 'image',
      content: { image_key: imageKey },
    });
    const answer = await client.sdk.im.messageResource.get({
      path: { message_id: messageId, file_key: imageKey },
      params: { type: 'image' },
    });
    expect(answer.headers['content-type']).toBe('image/png');
    expect((await downloadResource(client, messageId, imageKey, 'image')).equals(PNG)).toBe(true);
  });

  it('uploads a file with a Chinese name, sends it and downloads it byte for byte', async () => {
    const fileKey = await uploadFile(client, { name: '督办台账.xlsx', bytes: BINARY, type: 'xls' });
    expect(running.standIn.state.resources.get(fileKey)).toMatchObject({
      kind: 'file',
      fileName: '督办台账.xlsx',
      fileType: 'xls',
    });
    const sent = await sendAs('file', { file_key: fileKey });
    const messageId = sent.data!.message_id!;
    const answer = await client.sdk.im.messageResource.get({
      path: { message_id: messageId, file_key: fileKey },
      params: { type: 'file' },
    });
    expect(answer.headers['content-disposition']).toContain(encodeURIComponent('督办台账.xlsx'));
    const bytes = await downloadResource(client, messageId, fileKey, 'file');
    expect(bytes.equals(BINARY)).toBe(true);
  });

  it('takes a spec multipart body too (a part with a filename and a content type)', async () => {
    const token = await client.sdk.tokenManager.getTenantAccessToken();
    const form = new FormData();
    form.append('file_type', 'stream');
    form.append('file_name', 'a.bin');
    form.append('file', new Blob([BINARY], { type: 'application/octet-stream' }), 'a.bin');
    const response = await fetch(`${running.url}/open-apis/im/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await response.json()) as { code: number; data: { file_key: string } };
    expect(body.code).toBe(0);
    expect(running.standIn.state.resources.get(body.data.file_key)?.bytes.equals(BINARY)).toBe(true);
  });
});

describe('what the stand-in refuses, with Lark’s codes', () => {
  it('refuses an image or file message naming a key never uploaded, or one of the other kind', async () => {
    expect(await refusal(sendAs('image', { image_key: 'img_v3_nope' }))).toBe(230001);
    const fileKey = await uploadFile(client, { name: 'a.pdf', bytes: BINARY, type: 'pdf' });
    expect(await refusal(sendAs('image', { image_key: fileKey }))).toBe(230001);
    expect(await refusal(sendAs('file', { key: fileKey }))).toBe(230001);
    expect(running.standIn.state.messages).toHaveLength(0);
  });

  it('refuses empty, oversized and non-image uploads', async () => {
    expect(await refusal(uploadImage(client, Buffer.alloc(0)))).toBe(234010);
    expect(await refusal(uploadImage(client, BINARY))).toBe(234011);
    const bigImage = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await refusal(uploadImage(client, bigImage))).toBe(234006);
    const bigFile = Buffer.alloc(30 * 1024 * 1024 + 1);
    expect(await refusal(uploadFile(client, { name: 'big.bin', bytes: bigFile, type: 'stream' }))).toBe(
      234006,
    );
    expect(await refusal(uploadFile(client, { name: 'a.xls', bytes: BINARY, type: 'xlsx' as 'xls' }))).toBe(
      234001,
    );
  });

  it('serves a resource only from the message that carries it, with the matching type', async () => {
    const imageKey = await uploadImage(client, PNG);
    const withImage = (await sendAs('image', { image_key: imageKey })).data!.message_id!;
    const textOnly = (await sendAs('text', { text: '你好' })).data!.message_id!;
    expect(await refusal(downloadResource(client, textOnly, imageKey, 'image'))).toBe(234003);
    expect(await refusal(downloadResource(client, withImage, imageKey, 'file'))).toBe(234003);
    running.standIn.controls.setBotInChat(GROUP_CHAT, false);
    expect(await refusal(downloadResource(client, withImage, imageKey, 'image'))).toBe(234004);
  });
});

describe('a user sending a file or an image', () => {
  it('records the message with Lark’s content, and the bot downloads it through the API', async () => {
    const { controls } = running.standIn;
    const file = controls.addUserAttachment({
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      kind: 'file',
      bytes: BINARY,
      fileName: '检查报告.pdf',
    });
    const image = controls.addUserAttachment({
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      kind: 'image',
      bytes: PNG,
      parentId: file.messageId,
    });
    expect(file).toMatchObject({ msgType: 'file', content: { file_name: '检查报告.pdf' } });
    expect(image).toMatchObject({ msgType: 'image', parentId: file.messageId });

    const event = messageReceiveEvent({
      appId: TEST_APP_ID,
      token: 'v-token',
      messageId: file.messageId,
      chatId: GROUP_CHAT,
      senderOpenId: ALICE.openId,
      messageType: 'file',
      content: file.content,
      createTime: 0,
    });
    expect(event.event.message.message_type).toBe('file');
    const content = JSON.parse(event.event.message.content) as { file_key: string; file_name: string };
    expect(content.file_name).toBe('检查报告.pdf');

    const bytes = await downloadResource(client, file.messageId, content.file_key, 'file');
    expect(bytes.equals(BINARY)).toBe(true);
    const imageKey = (image.content as { image_key: string }).image_key;
    expect((await downloadResource(client, image.messageId, imageKey, 'image')).equals(PNG)).toBe(true);
  });

  it('refuses an empty attachment or a file without a name', () => {
    const { controls } = running.standIn;
    const base = { chatId: GROUP_CHAT, senderOpenId: ALICE.openId };
    expect(() => controls.addUserAttachment({ ...base, kind: 'image', bytes: Buffer.alloc(0) })).toThrow(
      /at least one byte/,
    );
    expect(() => controls.addUserAttachment({ ...base, kind: 'file', bytes: BINARY })).toThrow(/fileName/);
  });
});
