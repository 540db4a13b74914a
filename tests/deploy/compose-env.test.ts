import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEnv } from '../../src/config/env.js';
import { parseDockerfile } from './dockerfile.js';

/**
 * docker-compose.yml and .env.example, read as compose reads them (no Docker engine here): the port
 * stays on 127.0.0.1 unless asked, .env is optional and reaches duban, and .env.example lists every
 * variable duban or compose reads — found in the source, so a new variable fails this test until it
 * is documented.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText) as {
  services: Record<
    string,
    {
      build?: { args?: Record<string, string> };
      command?: string[];
      environment?: Record<string, string>;
      env_file?: { path: string; required: boolean }[];
      ports?: string[];
      volumes?: string[];
    }
  >;
};
const example = read('.env.example');

/** Compose's `${NAME:-default}` / `${NAME}` with the given variables (those of a .env). */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = vars[name];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  });
}

/** Every variable the server and the CLI read, from the source itself. */
function variablesReadBySource(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(
          /value\(env, '([A-Z_]+)'\)|process\.env\.([A-Z_]+)|process\.env\['([A-Z_]+)'\]/g,
        ))
          names.add((m[1] ?? m[2] ?? m[3])!);
      }
    }
  };
  walk(join(ROOT, 'src'));
  for (const name of names) if (name.startsWith('DUBAN_TEST_')) names.delete(name); // test hooks
  return names;
}

describe('.env.example', () => {
  const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

  it('lists every variable duban reads, each with a comment above it', () => {
    const read = variablesReadBySource();
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !listed.has(name))).toEqual([]);
    const lines = example.split('\n');
    for (const name of read) {
      const at = lines.findIndex((l) => new RegExp(`^#? ?${name}=`).test(l));
      // Directly above it (past the other variables of its block): a line of explanation.
      let above = at - 1;
      while (above >= 0 && /^#? ?[A-Z][A-Z0-9_]+=/.test(lines[above]!)) above--;
      expect(lines[above], name).toMatch(/^# \S/);
    }
  });

  it('lists every variable docker-compose.yml interpolates', () => {
    const used = new Set([...composeText.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('is a valid environment as it stands: local mode, nothing to fix', () => {
    const vars = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    const env = readEnv(vars);
    expect(env.larkAppId).toBeUndefined();
  });
});

describe('docker-compose.yml', () => {
  const duban = compose.services.duban!;

  it('publishes the port on 127.0.0.1 unless DUBAN_PUBLISH says otherwise', () => {
    expect(duban.ports).toHaveLength(1);
    expect(interpolate(duban.ports![0]!, {})).toBe('127.0.0.1:3000:3000');
    expect(interpolate(duban.ports![0]!, { DUBAN_PUBLISH: '0.0.0.0:8080' })).toBe('0.0.0.0:8080:3000');
  });

  it('passes .env to duban without needing one, listens inside the container, and uses its Redis', () => {
    expect(duban.env_file).toEqual([{ path: '.env', required: false }]);
    expect(duban.environment?.HOST).toBe('0.0.0.0');
    expect(interpolate(duban.environment!.REDIS_URL!, {})).toBe('redis://redis:6379');
    expect(interpolate(duban.environment!.REDIS_URL!, { REDIS_URL: 'rediss://r.example:6380' })).toBe(
      'rediss://r.example:6380',
    );
    expect(duban.volumes).toContain('./config:/app/config:ro');
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });

  it('builds from the base image the Dockerfile names', () => {
    const { globalArgs } = parseDockerfile(read('Dockerfile'));
    expect(interpolate(duban.build!.args!.NODE_IMAGE!, {})).toBe(globalArgs.get('NODE_IMAGE'));
  });

  it('keeps .env and the rest of the working tree out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '.env.*', 'node_modules', '.git', 'dist']) expect(ignored).toContain(entry);
  });
});
