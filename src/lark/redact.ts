/**
 * Turns anything the SDK might log (axios errors with their request config, headers, bodies) into
 * a small JSON-safe value with secrets removed: values under secret-looking keys, bearer tokens,
 * tenant tokens, and every known secret string wherever it appears (the SDK logs the token
 * request's body — `{"app_id":…,"app_secret":…}` — as a string).
 */
const SECRET_KEY = /secret|token|authorization|encrypt|password|signature|cookie/i;
const MAX_DEPTH = 6;
const MAX_STRING = 2_000;
export const REDACTED = '[redacted]';

export function createRedactor(secrets: Array<string | undefined>): (value: unknown) => unknown {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const scrubString = (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    out = out
      .replace(/(Bearer\s+)[^\s"',}]+/gi, `$1${REDACTED}`)
      .replace(/\b[tu]-[A-Za-z0-9._-]{16,}/g, REDACTED)
      .replace(
        /("?(?:app_secret|encrypt_key|tenant_access_token|app_access_token)"?\s*[:=]\s*)"[^"]*"/gi,
        `$1"${REDACTED}"`,
      );
    return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…` : out;
  };

  const walk = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return scrubString(value);
    if (value === null || typeof value !== 'object') {
      return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
    }
    if (seen.has(value)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[deep]';
    seen.add(value);
    const source = value instanceof Error ? errorFields(value) : value;
    if (Array.isArray(source)) return source.map((item) => walk(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      out[key] =
        SECRET_KEY.test(key) && item !== undefined && item !== null ? REDACTED : walk(item, depth + 1, seen);
    }
    return out;
  };

  return (value) => walk(value, 0, new WeakSet());
}

/**
 * The parts of an error worth logging. Axios errors carry the whole request (socket, agent,
 * config with headers and body); keep the method, URL, body and the response only.
 */
function errorFields(error: Error): Record<string, unknown> {
  const e = error as Error & {
    code?: unknown;
    isAxiosError?: boolean;
    config?: { method?: unknown; url?: unknown; data?: unknown; params?: unknown };
    response?: { status?: unknown; data?: unknown };
  };
  const fields: Record<string, unknown> = { name: e.name, message: e.message };
  if (e.code !== undefined) fields.code = e.code;
  if (e.isAxiosError) {
    fields.request = {
      method: e.config?.method,
      url: e.config?.url,
      params: e.config?.params,
      data: e.config?.data,
    };
    if (e.response) fields.response = { status: e.response.status, data: e.response.data };
  }
  return fields;
}
