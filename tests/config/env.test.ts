import { describe, expect, it } from 'vitest';
import { configDirFrom, readEnv } from '../../src/config/env.js';
import { ConfigError, formatProblem } from '../../src/config/problem.js';

function errorsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('readEnv accepted a bad environment');
}

describe('readEnv', () => {
  it('has the documented defaults', () => {
    expect(readEnv({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      redisUrl: undefined,
      redisPrefix: 'duban',
      redisMode: 'standalone',
      configDir: './config',
      larkAppId: undefined,
      larkAppSecret: undefined,
      larkDomain: 'https://open.feishu.cn',
      larkEncryptKey: undefined,
      larkVerificationToken: undefined,
      larkEventMode: 'webhook',
      larkAllowUnsigned: false,
      adminToken: undefined,
      logLevel: 'info',
      planTimezone: undefined,
      reminders: true,
    });
  });

  it('mutes the schedule with REMINDERS=off and names a value that is neither on nor off', () => {
    expect(readEnv({ REMINDERS: 'off' }).reminders).toBe(false);
    expect(readEnv({ REMINDERS: 'ON' }).reminders).toBe(true);
    expect(() => readEnv({ REMINDERS: 'no' })).toThrow(/REMINDERS.*"no" is not on or off/s);
  });

  it('listens on every interface with a Lark app, on loopback only in local mode, unless HOST says', () => {
    expect(readEnv({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's' }).host).toBe('0.0.0.0');
    expect(readEnv({}).host).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads REDIS_MODE and names the fix for a bad one', () => {
    expect(readEnv({ REDIS_MODE: 'sentinel' }).redisMode).toBe('sentinel');
    expect(() => readEnv({ REDIS_MODE: 'ring' })).toThrow(
      /REDIS_MODE: "ring" is not a mode — set REDIS_MODE=standalone, sentinel/,
    );
  });

  it('reads every variable, treating empty ones as unset', () => {
    const env = readEnv({
      PORT: '8080',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REDIS_PREFIX: 'duban-test',
      CONFIG_DIR: '/etc/duban',
      LARK_APP_ID: 'cli_a1b2',
      LARK_APP_SECRET: 's3cret',
      LARK_DOMAIN: 'lark',
      LARK_ENCRYPT_KEY: 'ek',
      LARK_VERIFICATION_TOKEN: 'vt',
      LARK_EVENT_MODE: 'ws',
      ADMIN_TOKEN: 'admin-token-0123456789',
      LOG_LEVEL: 'DEBUG',
      PLAN_TIMEZONE: 'Asia/Urumqi',
      REDIS_URL_UNUSED: '',
    });
    expect(env).toMatchObject({
      port: 8080,
      redisUrl: 'redis://127.0.0.1:6379/2',
      redisPrefix: 'duban-test',
      configDir: '/etc/duban',
      larkDomain: 'https://open.larksuite.com',
      larkEventMode: 'ws',
      logLevel: 'debug',
      planTimezone: 'Asia/Urumqi',
    });
    expect(readEnv({ REDIS_URL: '', PORT: ' ' }).redisUrl).toBeUndefined();
  });

  it('refuses a webhook with a verification token and no encrypt key unless LARK_ALLOW_UNSIGNED=1', () => {
    const tokenOnly = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 'secret-vt' };
    const errors = errorsOf(tokenOnly);
    expect(errors).toEqual([
      'environment: LARK_ENCRYPT_KEY: missing while LARK_VERIFICATION_TOKEN is set: without it Lark signs no event, so anyone who has seen one event can post events or replay old ones — copy the Encrypt Key from the app’s 事件与回调 → 加密策略 page, or set LARK_ALLOW_UNSIGNED=1 to accept unsigned events knowingly',
    ]);
    expect(errors.join('\n')).not.toContain('secret-vt');
    expect(readEnv({ ...tokenOnly, LARK_ALLOW_UNSIGNED: '1' }).larkAllowUnsigned).toBe(true);
    // Signed events, the long connection (no webhook) and local mode need no such consent.
    expect(readEnv({ ...tokenOnly, LARK_ENCRYPT_KEY: 'ek' }).larkAllowUnsigned).toBe(false);
    expect(readEnv({ ...tokenOnly, LARK_EVENT_MODE: 'ws' }).larkEventMode).toBe('ws');
    expect(readEnv({ LARK_VERIFICATION_TOKEN: 'vt' }).larkAppId).toBeUndefined();
    expect(errorsOf({ LARK_ALLOW_UNSIGNED: 'yes' })).toEqual([
      'environment: LARK_ALLOW_UNSIGNED: "yes" is not 1 or 0 — set LARK_ALLOW_UNSIGNED=1 to accept unsigned Lark events knowingly, or unset it',
    ]);
  });

  it('strips the trailing slash from a LARK_DOMAIN URL (the SDK would call //open-apis)', () => {
    expect(readEnv({ LARK_DOMAIN: 'http://127.0.0.1:4010/' }).larkDomain).toBe('http://127.0.0.1:4010');
    expect(readEnv({ LARK_DOMAIN: 'https://open.feishu.cn' }).larkDomain).toBe('https://open.feishu.cn');
  });

  it('reports every bad variable at once, naming it and the fix', () => {
    expect(
      errorsOf({
        PORT: 'eighty',
        REDIS_URL: 'localhost:6379',
        LARK_DOMAIN: 'open.feishu.cn',
        LARK_EVENT_MODE: 'socket',
        LOG_LEVEL: 'loud',
        PLAN_TIMEZONE: 'Beijing',
      }),
    ).toEqual([
      'environment: PORT: "eighty" is not a port number — set PORT to a whole number 0–65535 (default 3000)',
      'environment: REDIS_URL: not a Redis URL — write it as redis://host:6379 (or rediss:// for TLS), or unset it for the in-memory store',
      'environment: LARK_DOMAIN: "open.feishu.cn" is not feishu, lark or a URL — set LARK_DOMAIN=feishu, lark, or a base URL such as http://127.0.0.1:4010',
      'environment: LARK_EVENT_MODE: "socket" is not a mode — set LARK_EVENT_MODE=webhook or ws',
      'environment: LOG_LEVEL: "loud" is not a log level — use one of: fatal, error, warn, info, debug, trace, silent',
      'environment: PLAN_TIMEZONE: "Beijing" is not a known time zone — use an IANA name such as Asia/Shanghai, or unset it',
    ]);
  });

  it('wants the app id and secret together, and never prints the secret', () => {
    const errors = errorsOf({ LARK_APP_SECRET: 'do-not-print-me' });
    expect(errors).toEqual([
      'environment: LARK_APP_ID: missing while LARK_APP_SECRET is set — copy the App ID from the app’s Credentials page, or unset both for local mode',
    ]);
    expect(errorsOf({ LARK_APP_ID: 'cli_x' })[0]).toMatch(
      /^environment: LARK_APP_SECRET: missing while LARK_APP_ID is set/,
    );
  });

  it('throws a bad-input error (exit 2 in the CLI, refused start in the server)', () => {
    expect(() => readEnv({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => readEnv({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('configDirFrom reads CONFIG_DIR alone', () => {
    expect(configDirFrom({ CONFIG_DIR: '/srv/cfg', PORT: 'bad' })).toBe('/srv/cfg');
    expect(configDirFrom({})).toBe('./config');
  });
});
