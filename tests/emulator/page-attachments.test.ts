import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import type { PageMessage } from '../../src/emulator/page/message-view.js';
import type { PageChat, PagePerson } from '../../src/emulator/page/people.js';
import { cardText, pageApi, timeline, waitForTimeline } from '../helpers/emulator-page.js';
import { startDuban } from '../helpers/server-harness.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const BYTES = Buffer.from([...Array(300).keys()].map((i) => (i * 7) % 256));

interface Posted {
  message: PageMessage;
  delivered: boolean;
  error?: string;
}

describe('emulator page: a visitor sends a file or an image', () => {
  let duban: RunningServer;
  let person: PagePerson;
  let p2p: PageChat;
  let main: string;

  beforeAll(async () => {
    duban = await startDuban({});
    const people = (await pageApi<{ people: PagePerson[] }>(duban, 'people')).body.people;
    const chats = (await pageApi<{ chats: PageChat[] }>(duban, 'chats')).body.chats;
    person = people.find((p) => p.registered)!;
    p2p = chats.find((c) => c.kind === 'p2p' && c.members[0] === person.openId)!;
    main = duban.config().org.chats.main;
  });
  afterAll(() => duban.close(1000));

  async function send(chatId: string, query: Record<string, string>, body: Buffer) {
    const params = new URLSearchParams({ from: person.openId, ...query });
    const res = await fetch(`${duban.url}/emulator/api/chats/${chatId}/attachments?${params}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    return { status: res.status, body: (await res.json()) as Posted };
  }

  it('sends a file privately: delivered to the bot, shown with a link that serves the same bytes', async () => {
    const posted = await send(p2p.chatId, { kind: 'file', name: '检查报告.pdf' }, BYTES);
    expect(posted.status).toBe(201);
    expect(posted.body.delivered).toBe(true);
    expect(posted.body.message).toMatchObject({
      kind: 'file',
      fileName: '检查报告.pdf',
      from: person.openId,
    });
    const shown = (await timeline(duban, p2p.chatId)).find((m) => m.id === posted.body.message.id)!;
    const download = await fetch(`${duban.url}${shown.resourceUrl}`);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('检查报告.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(BYTES)).toBe(true);
    const recorded = duban.local!.standIn.state.message(posted.body.message.id)!;
    expect(recorded.content).toMatchObject({
      file_name: '检查报告.pdf',
      file_key: expect.stringMatching(/^file_v3_/),
    });
  });

  it('sends a file as a reply: delivered in the thread, and the bot answers it there', async () => {
    const asked = await pageApi<Posted>(duban, `chats/${p2p.chatId}/messages`, {
      from: person.openId,
      text: '8.4',
    });
    const answer = await waitForTimeline(duban, p2p.chatId, (m) => m.parentId === asked.body.message.id);
    const posted = await send(p2p.chatId, { kind: 'file', name: '报告.pdf', parentId: answer.id }, BYTES);
    expect(posted.status).toBe(201);
    expect(duban.local!.standIn.state.message(posted.body.message.id)).toMatchObject({ parentId: answer.id });
    // The answer to "8.4" is no reminder: the bot says how 佐证材料 is sent, in the file's thread.
    const told = await waitForTimeline(duban, p2p.chatId, (m) => m.parentId === posted.body.message.id);
    expect(cardText(told)).toContain('请在督办提醒消息下直接回复文件或图片');
    expect(
      (await send(p2p.chatId, { kind: 'file', name: 'x.pdf', parentId: 'om_nowhere' }, BYTES)).status,
    ).toBe(400);
  });

  it('sends an image served as image/png; in a group without group_messages it is not delivered', async () => {
    const posted = await send(main, { kind: 'image' }, PNG);
    expect(posted.status).toBe(201);
    expect(posted.body.delivered).toBe(false);
    expect(posted.body.message.kind).toBe('image');
    const image = await fetch(`${duban.url}${posted.body.message.resourceUrl}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('serves an uploaded image by key, for a card’s img element, and nothing else', async () => {
    const posted = await send(p2p.chatId, { kind: 'image' }, PNG);
    const recorded = duban.local!.standIn.state.message(posted.body.message.id)!;
    const key = (recorded.content as { image_key: string }).image_key;
    const image = await fetch(`${duban.url}/emulator/api/images/${key}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const file = await send(p2p.chatId, { kind: 'file', name: 'a.bin' }, BYTES);
    const fileKey = (
      duban.local!.standIn.state.message(file.body.message.id)!.content as { file_key: string }
    ).file_key;
    expect((await fetch(`${duban.url}/emulator/api/images/${fileKey}`)).status).toBe(404);
  });

  it('refuses an empty body, a file without a name and an unknown kind, saying what to fix', async () => {
    expect((await send(p2p.chatId, { kind: 'file', name: 'a.pdf' }, Buffer.alloc(0))).body.error).toContain(
      '空文件',
    );
    expect((await send(p2p.chatId, { kind: 'file' }, BYTES)).body.error).toContain('文件名');
    expect((await send(p2p.chatId, { kind: 'video' }, BYTES)).status).toBe(400);
    expect((await fetch(`${duban.url}/emulator/api/messages/om_nope/resource`)).status).toBe(404);
  });
});
