/**
 * Turns anything the SDK might log (axios errors with their request config, headers, bodies) into
 * a small JSON-safe value with secrets and personal data removed:
 * - secrets: values under secret-looking keys, bearer tokens, tenant tokens, and every known secret
 *   string wherever it appears (the SDK logs the token request's body — `{"app_id":…,"app_secret":…}`
 *   — as a string);
 * - message bodies: the value of every `content` field (a send's, reply's or patch's card or text),
 *   also inside request bodies the SDK logs as JSON strings;
 * - people: open_ids (`ou_…`), union_ids (`on_…`), email addresses, and values under email/mobile
 *   keys. Chat ids (`oc_…`), message ids and the request's method and path stay, so a failure can
 *   still be traced to its chat.
 */
const SECRET_KEY = /secret|token|authorization|encrypt|password|signature|cookie/i;
const BODY_KEY = /^content$/i;
const PERSON_KEY = /^(emails?|mobiles?)$/i;
const PERSON_ID = /(?<![A-Za-z0-9_])(ou|on)_[0-9a-z]+/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** `"content":"…"` in JSON text that could not be parsed (cut short, say). */
const CONTENT_IN_TEXT = /("content"\s*:\s*)"(?:[^"\\]|\\.)*("|$)/g;
const MAX_DEPTH = 6;
const MAX_STRING = 2_000;
export const REDACTED = '[redacted]';

export function createRedactor(secrets: Array<string | undefined>): (value: unknown) => unknown {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const scrubText = (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out
      .replace(/(Bearer\s+)[^\s"',}]+/gi, `$1${REDACTED}`)
      .replace(/\b[tu]-[A-Za-z0-9._-]{16,}/g, REDACTED)
      .replace(
        /("?(?:app_secret|encrypt_key|tenant_access_token|app_access_token)"?\s*[:=]\s*)"[^"]*"/gi,
        `$1"${REDACTED}"`,
      )
      .replace(CONTENT_IN_TEXT, `$1"${REDACTED}"`)
      .replace(PERSON_ID, `$1_${REDACTED}`)
      .replace(EMAIL, REDACTED);
  };
  const clip = (text: string): string => (text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text);

  const scrubString = (text: string, depth: number, seen: WeakSet<object>): string => {
    // A request body the SDK logs as a JSON string: redact it field by field, like an object.
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object')
          return clip(JSON.stringify(walk(parsed, depth + 1, seen)));
      } catch {
        // Not JSON after all: scrub it as text.
      }
    }
    return clip(scrubText(text));
  };

  const walk = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return scrubString(value, depth, seen);
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
      const hidden = SECRET_KEY.test(key) || BODY_KEY.test(key) || PERSON_KEY.test(key);
      out[key] = hidden && item !== undefined && item !== null ? REDACTED : walk(item, depth + 1, seen);
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
