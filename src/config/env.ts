import { ConfigError, type ConfigProblem } from './problem.js';
import { isTimeZone } from './scalars.js';

/** Everything duban reads from the environment, parsed in one place. */
export interface Env {
  port: number;
  /**
   * Interface to listen on. Default: all interfaces with a Lark app; 127.0.0.1 in local mode,
   * whose emulator page lets anyone speak as anyone (set HOST=0.0.0.0 to share it on purpose).
   */
  host: string;
  /** Unset → in-memory store (development only). */
  redisUrl?: string;
  redisPrefix: string;
  /** How REDIS_URL is read: one server, a Sentinel group, or Cluster seed nodes. */
  redisMode: 'standalone' | 'sentinel' | 'cluster';
  configDir: string;
  larkAppId?: string;
  larkAppSecret?: string;
  /** Base URL for the SDK's `domain`, no trailing slash. */
  larkDomain: string;
  larkEncryptKey?: string;
  larkVerificationToken?: string;
  larkEventMode: 'webhook' | 'ws';
  /**
   * LARK_ALLOW_UNSIGNED=1: accept webhook events with a verification token and no encrypt key,
   * knowingly — Lark then signs nothing, so there is no signature, timestamp or replay check.
   * Without it that setup refuses to start.
   */
  larkAllowUnsigned: boolean;
  adminToken?: string;
  logLevel: LogLevel;
  /** Overrides reminders.yaml `timezone` when set. */
  planTimezone?: string;
  /**
   * REMINDERS=off mutes the reminder schedule (no start-up catch-up, no daily sweeps); CLI and
   * admin sweeps still work. Default on.
   */
  reminders: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LARK_DOMAINS = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' } as const;

/** CONFIG_DIR alone, for commands that need nothing else from the environment. */
export function configDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return value(env, 'CONFIG_DIR') ?? './config';
}

/**
 * Parses the environment; throws a ConfigError naming every bad variable and how to fix it.
 * Empty variables count as unset (`FOO=` in a compose file). Secret values never appear in
 * messages.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const problems: ConfigProblem[] = [];
  const bad = (name: string, message: string, fix: string) =>
    problems.push({ file: 'environment', path: name, message, fix });

  const portText = value(env, 'PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    bad('PORT', `"${portText}" is not a port number`, 'set PORT to a whole number 0–65535 (default 3000)');

  const redisUrl = value(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/./.test(redisUrl))
    bad(
      'REDIS_URL',
      'not a Redis URL',
      'write it as redis://host:6379 (or rediss:// for TLS), or unset it for the in-memory store',
    );

  const redisPrefix = value(env, 'REDIS_PREFIX') ?? 'duban';
  if (!/^[\w.-]+$/.test(redisPrefix))
    bad('REDIS_PREFIX', `"${redisPrefix}" has spaces or punctuation`, 'use letters, digits, "-", "_" or "."');

  const redisMode = value(env, 'REDIS_MODE') ?? 'standalone';
  if (redisMode !== 'standalone' && redisMode !== 'sentinel' && redisMode !== 'cluster')
    bad(
      'REDIS_MODE',
      `"${redisMode}" is not a mode`,
      'set REDIS_MODE=standalone, sentinel (REDIS_URL=redis://s1:26379,s2:26379/mymaster) or cluster (REDIS_URL=redis://n1:6379,n2:6379)',
    );

  const domainText = value(env, 'LARK_DOMAIN') ?? 'feishu';
  const larkDomain = larkDomainOf(domainText);
  if (larkDomain === undefined)
    bad(
      'LARK_DOMAIN',
      `"${domainText}" is not feishu, lark or a URL`,
      'set LARK_DOMAIN=feishu, lark, or a base URL such as http://127.0.0.1:4010',
    );

  const larkAppId = value(env, 'LARK_APP_ID');
  const larkAppSecret = value(env, 'LARK_APP_SECRET');
  if (larkAppId !== undefined && larkAppSecret === undefined)
    bad(
      'LARK_APP_SECRET',
      'missing while LARK_APP_ID is set',
      'copy the App Secret from the app’s Credentials page',
    );
  if (larkAppId === undefined && larkAppSecret !== undefined)
    bad(
      'LARK_APP_ID',
      'missing while LARK_APP_SECRET is set',
      'copy the App ID from the app’s Credentials page, or unset both for local mode',
    );

  const eventMode = value(env, 'LARK_EVENT_MODE') ?? 'webhook';
  if (eventMode !== 'webhook' && eventMode !== 'ws')
    bad('LARK_EVENT_MODE', `"${eventMode}" is not a mode`, 'set LARK_EVENT_MODE=webhook or ws');

  const allowUnsignedText = value(env, 'LARK_ALLOW_UNSIGNED') ?? '0';
  if (allowUnsignedText !== '0' && allowUnsignedText !== '1')
    bad(
      'LARK_ALLOW_UNSIGNED',
      `"${allowUnsignedText}" is not 1 or 0`,
      'set LARK_ALLOW_UNSIGNED=1 to accept unsigned Lark events knowingly, or unset it',
    );
  // The webhook would refuse to start too (larkEventsRouter); saying it here names it with the
  // other variables, before Redis or Lark are contacted.
  if (
    larkAppId !== undefined &&
    eventMode === 'webhook' &&
    value(env, 'LARK_VERIFICATION_TOKEN') !== undefined &&
    value(env, 'LARK_ENCRYPT_KEY') === undefined &&
    allowUnsignedText !== '1'
  )
    bad(
      'LARK_ENCRYPT_KEY',
      'missing while LARK_VERIFICATION_TOKEN is set: without it Lark signs no event, so anyone who has seen one event can post events or replay old ones',
      'copy the Encrypt Key from the app’s 事件与回调 → 加密策略 page, or set LARK_ALLOW_UNSIGNED=1 to accept unsigned events knowingly',
    );

  const logLevel = (value(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!isLogLevel(logLevel))
    bad('LOG_LEVEL', `"${logLevel}" is not a log level`, `use one of: ${LOG_LEVELS.join(', ')}`);

  const adminToken = value(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16)
    bad('ADMIN_TOKEN', 'shorter than 16 characters', 'use a long random value, e.g. `openssl rand -hex 24`');

  const planTimezone = value(env, 'PLAN_TIMEZONE');
  if (planTimezone !== undefined && !isTimeZone(planTimezone))
    bad(
      'PLAN_TIMEZONE',
      `"${planTimezone}" is not a known time zone`,
      'use an IANA name such as Asia/Shanghai, or unset it',
    );

  const remindersText = (value(env, 'REMINDERS') ?? 'on').toLowerCase();
  if (remindersText !== 'on' && remindersText !== 'off')
    bad(
      'REMINDERS',
      `"${remindersText}" is not on or off`,
      'set REMINDERS=off to mute the schedule, or unset it',
    );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: value(env, 'HOST') ?? (larkAppId ? '0.0.0.0' : '127.0.0.1'),
    redisUrl,
    redisPrefix,
    redisMode: redisMode as Env['redisMode'],
    configDir: configDirFrom(env),
    larkAppId,
    larkAppSecret,
    larkDomain: larkDomain!,
    larkEncryptKey: value(env, 'LARK_ENCRYPT_KEY'),
    larkVerificationToken: value(env, 'LARK_VERIFICATION_TOKEN'),
    larkEventMode: eventMode as Env['larkEventMode'],
    larkAllowUnsigned: allowUnsignedText === '1',
    adminToken,
    logLevel: logLevel as LogLevel,
    planTimezone,
    reminders: remindersText !== 'off',
  };
}

/** `feishu`, `lark`, or a base URL, returned without its trailing slash (the SDK appends `/open-apis`). */
export function larkDomainOf(text: string): string | undefined {
  const named = LARK_DOMAINS[text.toLowerCase() as keyof typeof LARK_DOMAINS];
  if (named) return named;
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(text)) return undefined;
  return text.replace(/\/+$/, '');
}

function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === '' ? undefined : text;
}
