import { z } from 'zod';
import { type ConfigProblem, formatPath, splitFix } from './problem.js';

/**
 * Validates `data` against `schema`; on failure turns every zod issue into a ConfigProblem whose
 * message reads well in a YAML file (`missing`, `expected a list, got text`, `unknown key "x"`).
 */
export function parseWith<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
): { ok: true; value: T } | { ok: false; problems: ConfigProblem[] } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => problemOf(issue, schema, file)) };
}

function problemOf(issue: z.core.$ZodIssue, root: z.ZodType, file: string): ConfigProblem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(root, issue.path);
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return {
        file,
        path,
        message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`,
        fix: allowed ? `allowed keys here: ${allowed.join(', ')}` : 'remove it',
      };
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        const key = issue.path.at(-1);
        return { file, path, message: 'missing', fix: `add ${typeof key === 'string' ? `"${key}"` : 'it'}` };
      }
      // A custom message from the schema says more than "expected string".
      if (!issue.message.startsWith('Invalid input')) return { file, path, ...splitFix(issue.message) };
      return { file, path, message: `expected ${describe(issue.expected)}, got ${kindOf(issue.input)}` };
    case 'invalid_value':
      return {
        file,
        path,
        message: `${JSON.stringify(issue.input)} is not allowed`,
        fix: `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { file, path, ...splitFix(issue.message) };
  }
}

/** The keys a strict object at `path` accepts, for the fix of an unknown-key problem. */
function allowedKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let schema: z.ZodType | undefined = unwrap(root);
  for (const key of path) {
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)];
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return undefined;
    schema = schema && unwrap(schema);
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault
    )
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

function describe(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping (key: value)';
  if (expected === 'string') return 'text';
  if (expected === 'int') return 'a whole number';
  return `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value}"`;
  return `${typeof value} ${String(value)}`;
}
