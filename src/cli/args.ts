import { UsageError } from './command.js';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * `--name value`, `--name=value` and bare `--switch`. `valued` lists the flags that take a value, so
 * `--json FILE` is never read as `--json=FILE`; unknown flags are a usage error naming the known ones.
 */
export function parseArgs(args: string[], spec: { valued?: string[]; switches?: string[] }): ParsedArgs {
  const valued = new Set(spec.valued ?? []);
  const switches = new Set(spec.switches ?? []);
  const parsed: ParsedArgs = { positional: [], flags: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2), '=');
    if (valued.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.flags.set(name, value);
    } else if (switches.has(name) && inline === undefined) {
      parsed.flags.set(name, true);
    } else {
      const known = [...valued, ...switches].map((f) => `--${f}`).join(', ') || 'none';
      throw new UsageError(`unknown option --${name} (known: ${known})`);
    }
  }
  return parsed;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
