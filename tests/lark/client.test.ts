import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { resolveLarkDomain } from '../../src/lark/domain.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import {
  BOT_OPEN_ID,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';

let running: RunningStandIn;
beforeEach(async () => {
  running = await startStandIn();
});
afterEach(() => running.close());

const tokenRequests = () =>
  running.standIn.state.responses.filter(
    (r) => r.path.endsWith('/tenant_access_token/internal') && r.code === 0,
  ).length;

describe('resolveLarkDomain', () => {
  it.each([
    [undefined, lark.Domain.Feishu],
    ['', lark.Domain.Feishu],
    ['feishu', lark.Domain.Feishu],
    ['Lark', lark.Domain.Lark],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['https://open.example.cn//', 'https://open.example.cn'],
  ])('%s → %s', (input, expected) => {
    expect(resolveLarkDomain(input)).toBe(expected);
  });

  it('names LARK_DOMAIN when the value is neither a known domain nor a URL', () => {
    expect(() => resolveLarkDomain('open.feishu.cn')).toThrow(
      /LARK_DOMAIN must be "feishu", "lark" or a base URL/,
    );
  });
});

describe('createLarkClient', () => {
  it('gets the bot’s open_id from /open-apis/bot/v3/info once', async () => {
    const client = createLarkClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: `${running.url}/`,
      logger: silentLogger,
    });
    expect(await client.getBotOpenId()).toBe(BOT_OPEN_ID);
    expect(await client.getBotInfo()).toEqual({ openId: BOT_OPEN_ID, name: 'duban' });
    const infoCalls = running.standIn.state.responses.filter((r) => r.path === '/open-apis/bot/v3/info');
    expect(infoCalls).toHaveLength(1);
  });

  it('keeps its token cache to itself and drops the token when told', async () => {
    const a = createLarkClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running.url,
      logger: silentLogger,
    });
    const b = createLarkClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running.url,
      logger: silentLogger,
    });
    await a.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    await b.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(tokenRequests()).toBe(2);
    await a.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(tokenRequests()).toBe(2);
    await a.invalidateTenantToken();
    await a.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(tokenRequests()).toBe(3);
  });

  it('keeps app_secret out of the log when the token request fails', async () => {
    const { logger, lines } = captureLogger();
    const secret = 'wrong-secret-that-must-not-leak-42';
    const client = createLarkClient({ appId: TEST_APP_ID, appSecret: secret, domain: running.url, logger });
    const failure = await client.getBotOpenId().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LarkApiError);
    expect((failure as LarkApiError).verdict.code).toBe(10014);
    const log = lines.join('\n');
    expect(log).toContain('10014');
    expect(log).toContain('tenant_access_token/internal');
    expect(log).not.toContain(secret);
  });

  it('keeps tenant tokens and extra secrets out of the log when a request is rejected', async () => {
    const { logger, lines } = captureLogger();
    const encryptKey = 'encrypt-key-must-not-leak-7';
    const client = createLarkClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running.url,
      logger,
      extraSecrets: [encryptKey],
    });
    await client.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    running.standIn.controls.revokeTokens();
    await expect(
      client.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info', headers: { 'x-note': encryptKey } }),
    ).rejects.toThrow(/400/);
    const log = lines.join('\n');
    expect(log).toContain('99991663');
    for (const token of running.standIn.controls.issuedTokens()) expect(log).not.toContain(token);
    expect(log).not.toContain(TEST_APP_SECRET);
    expect(log).not.toContain(encryptKey);
  });
});
