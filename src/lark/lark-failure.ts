import { DubanError } from '../errors.js';
import { LarkApiError } from './errors.js';

/**
 * A Lark call a CLI command could not make, said in one line an operator can act on: the app's
 * credentials refused, Lark's host not resolving, the connection refused, reset or silent (a
 * firewall), TLS broken by an intercepting proxy, a permission missing. The CLI prints the message
 * without a stack and exits 1.
 */
export class LarkFailure extends DubanError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('LARK_FAILURE', message, options);
  }
}

/** How long a command waits for Lark before it blames the network. */
export const LARK_DEADLINE_MS = 20_000;

/**
 * Runs `call` (one or more Lark requests) and turns any failure into a LarkFailure; past the
 * deadline it gives up with the firewall line. A request stuck in a TCP connect cannot be
 * cancelled from here: the CLI's entry point ends the process shortly after the command returns.
 */
export async function withLark<T>(
  domain: string,
  call: () => Promise<T>,
  deadlineMs: number = LARK_DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new LarkFailure(
          `Lark at ${domain} did not answer within ${formatSeconds(deadlineMs)} — ` +
            `is outbound HTTPS to ${hostOf(domain)} blocked by a firewall or a proxy?`,
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (error) {
    if (error instanceof LarkFailure) throw error;
    throw new LarkFailure(describeLarkFailure(error, domain), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** One line for a failed Lark call; `domain` is LARK_DOMAIN resolved to a base URL. */
export function describeLarkFailure(error: unknown, domain: string): string {
  const transport = findInCauses(error, isTransportError);
  const where = transport?.config?.url ? originOf(transport.config.url) : domain;
  const host = hostOf(where);
  const code = transport?.code;
  if (transport && !transport.response && code) {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL')
      return `cannot reach Lark: the name ${host} does not resolve (${code}) — check the DNS server, or LARK_DOMAIN`;
    if (code === 'ECONNREFUSED')
      return `cannot reach Lark at ${where}: connection refused (${code}) — a firewall, a proxy, or the wrong LARK_DOMAIN?`;
    if (code === 'ECONNRESET' || code === 'EPIPE')
      return `cannot reach Lark at ${where}: the connection was cut (${code}) — a firewall or a proxy in the way?`;
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
      return `cannot reach Lark at ${where}: no route or no answer (${code}) — is outbound HTTPS to ${host} blocked by a firewall?`;
    if (isTlsCode(code))
      return `cannot reach Lark at ${where}: TLS failed (${code}) — an intercepting proxy? give Node its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`;
    return `cannot reach Lark at ${where}: ${transport.message}`;
  }
  const refusedToken = tokenRefusal(error, transport);
  if (refusedToken)
    return `Lark refused the app's credentials (${refusedToken}) — check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN (feishu or lark)`;
  const api = findInCauses(error, (e): e is LarkApiError => e instanceof LarkApiError);
  if (api?.larkCode === 99991672)
    return `${api.message} — the app lacks a permission: add it under 权限管理, then publish a version`;
  if (api) return api.message;
  return error instanceof Error ? error.message : String(error);
}

interface TransportError {
  isAxiosError: true;
  message: string;
  code?: string;
  config?: { url?: string };
  response?: { status: number; data?: unknown };
}

function isTransportError(value: unknown): value is TransportError {
  return typeof value === 'object' && value !== null && (value as TransportError).isAxiosError === true;
}

/**
 * The tenant token request failed with Lark's own code: the SDK throws the AxiosError of that
 * request (Lark answers HTTP 400), or, when Lark answers 200 with a code, an Error whose message is
 * `failed to get tenant_access_token, code: …, msg: …`.
 */
function tokenRefusal(error: unknown, transport: TransportError | undefined): string | undefined {
  if (transport?.response && transport.config?.url?.includes('/auth/v3/tenant_access_token')) {
    const body = transport.response.data as { code?: unknown; msg?: unknown } | undefined;
    const code = typeof body?.code === 'number' ? body.code : undefined;
    const msg = typeof body?.msg === 'string' ? body.msg : undefined;
    return [`HTTP ${transport.response.status}`, code === undefined ? '' : `code ${code}`, msg ?? '']
      .filter(Boolean)
      .join(', ');
  }
  const plain = findInCauses(
    error,
    (e): e is Error => e instanceof Error && /^failed to get tenant_access_token,/.test(e.message),
  );
  const parsed = plain && /^failed to get tenant_access_token, code: (\S+), msg: (.*)$/.exec(plain.message);
  if (parsed) return `code ${parsed[1]}, ${parsed[2]}`;
  const api = findInCauses(error, (e): e is LarkApiError => e instanceof LarkApiError);
  if (api?.verdict.kind === 'token-invalid')
    return `code ${api.larkCode}${api.verdict.msg ? `, ${api.verdict.msg}` : ''}`;
  return undefined;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  );
}

function findInCauses<T>(error: unknown, match: (e: unknown) => e is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (match(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
