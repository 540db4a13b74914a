/**
 * Defensive reads of parsed-but-unvalidated YAML, so the cross-file checks can still run (and
 * report) on the parts of a file that are fine while the schema reports the parts that are not.
 */

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(value: unknown, key: string): unknown {
  return isMapping(value) ? value[key] : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

export function entries(value: unknown): [string, unknown][] {
  return isMapping(value) ? Object.entries(value) : [];
}
