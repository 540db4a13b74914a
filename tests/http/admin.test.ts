import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { readEnv } from '../../src/config/env.js';
import { parseInstantParam } from '../../src/http/admin.js';
import { startDuban } from '../helpers/server-harness.js';

const TOKEN = 'admin-token-for-tests-0123456789';

describe('admin routes', () => {
  let duban: RunningServer;
  beforeAll(async () => {
    duban = await startDuban({ ADMIN_TOKEN: TOKEN });
    await duban.store.confirm('8.4/m1/2023', '监督科', 'ou_test', '报告已报送', 'command');
  });
  afterAll(() => duban.close(1000));
  const get = (path: string, token = TOKEN) =>
    fetch(`${duban.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses without the token, or with a wrong one, and says which', async () => {
    const none = await fetch(`${duban.url}/admin/export`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: 'ADMIN_TOKEN required: send Authorization: Bearer <ADMIN_TOKEN>',
    });
    for (const token of ['wrong-token-wrong-token-wrong', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const wrong = await get('/admin/export', token);
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
      expect(await wrong.json()).toEqual({ error: 'invalid admin token' });
    }
  });

  it('exports the ledger as JSON and as Excel-ready CSV', async () => {
    const rows = (await (await get('/admin/export')).json()) as {
      id: string;
      status: string;
      confirmations: unknown[];
    }[];
    expect(rows.find((r) => r.id === '8.4/m1/2023')).toMatchObject({
      status: 'done',
      confirmations: [{ section: '监督科', note: '报告已报送' }],
    });
    const csv = await get('/admin/export?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF"id","itemId"')).toBe(true);
    expect(text).toContain('"8.4/m1/2023","8.4","加强财政监督"');
  });

  it('previews the reminder calendar and checks the dates', async () => {
    const rows = (await (await get('/admin/preview?from=2023-09-25&to=2023-09-29')).json()) as {
      occurrenceIds: string[];
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.occurrenceIds.includes('8.4/m1/2023'))).toBe(false);
    expect((await get('/admin/preview?from=2023-09-30&to=2023-09-01')).status).toBe(400);
  });

  it('sweeps at a given instant once, and checks the instant', async () => {
    const post = (query: string) =>
      fetch(`${duban.url}/admin/sweep${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    const first = (await (await post('?at=2023-09-25T09:00:00%2B08:00')).json()) as {
      today: string;
      sent: unknown[];
    };
    expect(first.today).toBe('2023-09-25');
    expect(first.sent.length).toBeGreaterThan(0);
    const again = (await (await post('?at=2023-09-25T09:00:00%2B08:00')).json()) as {
      sent: unknown[];
      alreadySent: number;
    };
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toBeGreaterThan(0);
    expect((await post('?at=yesterday')).status).toBe(400);
  });

  it('takes ?at= with a literal + (which a query string turns into a space), and refuses what is not an instant', async () => {
    const post = (query: string) =>
      fetch(`${duban.url}/admin/sweep${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    const plus = await post('?at=2023-09-26T09:00:00+08:00');
    expect(plus.status).toBe(200);
    const first = (await plus.json()) as { at: string; today: string; sent: unknown[] };
    expect(first).toMatchObject({ at: '2023-09-26T01:00:00.000Z', today: '2023-09-26' });
    expect(first.sent.length).toBeGreaterThan(0);
    // The same instant west of Greenwich: a minus sign survives the query string; nothing twice.
    const minus = (await (await post('?at=2023-09-25T20:00:00-05:00')).json()) as {
      at: string;
      sent: unknown[];
      alreadySent: number;
    };
    expect(minus.at).toBe('2023-09-26T01:00:00.000Z');
    expect(minus.sent).toEqual([]);
    expect(minus.alreadySent).toBeGreaterThanOrEqual(first.sent.length);
    for (const bad of [
      '?at=2023-09-26T09:00:00', // no offset: the server's zone would decide
      '?at=2023-02-30T09:00:00%2B08:00', // no such day
      '?at=2023-09-26T09:00:00%2B08:00&at=2023-09-27T09:00:00%2B08:00',
      '?at=',
    ]) {
      const res = await post(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/ISO instant with its offset/);
    }
  });

  it('reloads config', async () => {
    const res = await fetch(`${duban.url}/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await res.json()).toEqual({ ok: true, summary: '计划无变化' });
  });

  it('does not exist without ADMIN_TOKEN, and refuses a short one', async () => {
    const plain = await startDuban({});
    try {
      expect((await fetch(`${plain.url}/admin/export`)).status).toBe(404);
    } finally {
      await plain.close(1000);
    }
    expect(() => readEnv({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN: shorter than 16 characters/);
  });
});

describe('parseInstantParam', () => {
  it('reads the space a query string made of + back as +, and only in that place', () => {
    expect(parseInstantParam('2023-09-26T09:00:00 08:00')?.toISOString()).toBe('2023-09-26T01:00:00.000Z');
    expect(parseInstantParam('2023-09-26T09:00 0800')?.toISOString()).toBe('2023-09-26T01:00:00.000Z');
    expect(parseInstantParam('2023-09-26T09:00:00.250Z')?.toISOString()).toBe('2023-09-26T09:00:00.250Z');
    expect(parseInstantParam('2023-09-26T09:00:00-08:00')?.toISOString()).toBe('2023-09-26T17:00:00.000Z');
    for (const bad of [
      '2023-09-26T09:00:00  08:00',
      '2023-09-26 09:00:00 08:00',
      '2023-09-26T09:00:00 8:00',
      '2023-09-26T09:00:00 08:00 ',
      '2023-09-26T24:00:00Z',
      '2023-09-26T09:00:00+24:00',
      '2023-09-26',
      'now',
    ])
      expect(parseInstantParam(bad), bad).toBeUndefined();
  });
});
