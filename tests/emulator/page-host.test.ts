import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { isAllowedHost } from '../../src/emulator/page/host-guard.js';
import type { PageChat, PagePerson } from '../../src/emulator/page/people.js';
import { pageApi, timeline } from '../helpers/emulator-page.js';
import { startDuban } from '../helpers/server-harness.js';

/** A real request to the server with the Host header a DNS-rebinding page would send (fetch cannot set it). */
function call(
  duban: RunningServer,
  host: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: duban.port,
        path,
        method: payload === undefined ? 'GET' : 'POST',
        headers: { host, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

describe('emulator page: only this machine’s names (DNS rebinding)', () => {
  let duban: RunningServer;
  let main: string;
  let person: PagePerson;

  beforeAll(async () => {
    duban = await startDuban({});
    main = (await pageApi<{ chats: PageChat[] }>(duban, 'chats')).body.chats.find(
      (c) => c.kind === 'main',
    )!.chatId;
    person = (await pageApi<{ people: PagePerson[] }>(duban, 'people')).body.people[0]!;
  });
  afterAll(() => duban.close(1000));

  it('refuses the page and its API with 403 and a bilingual message when Host is another name', async () => {
    const evil = `evil.example:${duban.port}`;
    for (const path of ['/', '/emulator', '/emulator/api/people', `/emulator/api/chats/${main}/messages`]) {
      const answer = await call(duban, evil, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body).toContain('本地模拟页面只接受以 localhost、127.0.0.1 或 [::1] 访问');
      expect(answer.body).toContain('The local-mode page answers only to localhost, 127.0.0.1 or [::1]');
    }
  });

  it('speaks as nobody for a rebound page: its message never reaches the chat', async () => {
    const before = (await timeline(duban, main)).length;
    const refused = await call(duban, `evil.example:${duban.port}`, `/emulator/api/chats/${main}/messages`, {
      from: person.openId,
      text: '8.4 已完成',
    });
    expect(refused.status).toBe(403);
    const allowed = await call(duban, `localhost:${duban.port}`, `/emulator/api/chats/${main}/messages`, {
      from: person.openId,
      text: '帮助',
    });
    expect(allowed.status).toBe(201);
    const texts = (await timeline(duban, main)).slice(before).map((m) => m.text);
    expect(texts.some((t) => t?.includes('帮助'))).toBe(true);
    expect(texts.some((t) => t?.includes('8.4 已完成'))).toBe(false);
  });

  it('serves 127.0.0.1, localhost and [::1], with or without a port', async () => {
    for (const host of [
      `127.0.0.1:${duban.port}`,
      `localhost:${duban.port}`,
      `[::1]:${duban.port}`,
      'LocalHost',
    ]) {
      const answer = await call(duban, host, '/emulator/api/people');
      expect(answer.status, host).toBe(200);
    }
    expect((await call(duban, `localhost:${duban.port}`, '/')).body).toContain('<html');
  });

  it('leaves the routes Lark and operators call alone', async () => {
    expect((await call(duban, `evil.example:${duban.port}`, '/healthz')).status).toBe(200);
  });
});

describe('isAllowedHost', () => {
  it('accepts loopback names only by default, whatever the port', () => {
    expect(isAllowedHost('localhost:3000')).toBe(true);
    expect(isAllowedHost('[::1]:8080')).toBe(true);
    expect(isAllowedHost('127.0.0.1')).toBe(true);
    expect(isAllowedHost('evil.example:3000')).toBe(false);
    expect(isAllowedHost('localhost.evil.example:3000')).toBe(false);
    expect(isAllowedHost('127.0.0.1.nip.io:3000')).toBe(false);
    expect(isAllowedHost('192.168.1.5:3000')).toBe(false);
    expect(isAllowedHost(undefined)).toBe(false);
    expect(isAllowedHost('localhost:3000:1')).toBe(false);
  });

  it('also accepts the HOST the operator set: that name, or any IP address for a wildcard', () => {
    expect(isAllowedHost('192.168.1.5:3000', '192.168.1.5')).toBe(true);
    expect(isAllowedHost('mybox.lan:3000', 'mybox.lan')).toBe(true);
    expect(isAllowedHost('[fe80::1]:3000', 'fe80::1')).toBe(true);
    expect(isAllowedHost('evil.example:3000', '192.168.1.5')).toBe(false);
    expect(isAllowedHost('192.168.1.5:3000', '0.0.0.0')).toBe(true);
    expect(isAllowedHost('[fe80::1]:3000', '::')).toBe(true);
    expect(isAllowedHost('evil.example:3000', '0.0.0.0')).toBe(false);
  });
});
