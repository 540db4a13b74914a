import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtScript, childEnv } from '../helpers/spawn-duban.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function startMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtScript('main.js')], {
      cwd: ROOT,
      env: childEnv({ PORT: '0', ...env }),
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/**
 * The server (`node dist/main.js`, as the image starts it) refuses bad config or env with every
 * problem named, exit 2, before serving anything.
 */
describe('the server at start', () => {
  it('refuses to start on bad config, naming each problem with file, path and fix', async () => {
    const { code, stderr } = await startMain({ CONFIG_DIR: 'tests/fixtures/config-broken/bad-values' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^duban cannot start:/);
    expect(stderr).toContain('监察科 is not a section in org.yaml — did you mean 监督科?');
  });

  it('says in one line that the port is taken, exit 2', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const { code, stderr } = await startMain({ PORT: String(port), REMINDERS: 'off' });
      expect(code).toBe(2);
      expect(stderr).toContain(
        `cannot listen on 127.0.0.1:${port} (the port is in use): set PORT to a free port`,
      );
      expect(stderr).not.toMatch(/TypeError|\n\s+at /);
    } finally {
      holder.close();
    }
  });

  it('says in one line that Lark or Redis cannot be reached, exit 1', async () => {
    const lark = await startMain({
      REMINDERS: 'off',
      LOG_LEVEL: 'silent',
      LARK_APP_ID: 'cli_0123456789abcdef',
      LARK_APP_SECRET: 'not-a-secret-00',
      LARK_ENCRYPT_KEY: 'test-encrypt-key',
      LARK_DOMAIN: 'http://127.0.0.1:9',
    });
    expect(lark.code).toBe(1);
    expect(lark.stderr.trim()).toMatch(
      /^duban cannot start: cannot reach Lark at http:\/\/127\.0\.0\.1:9: connection refused/,
    );
    expect(lark.stderr.trim().split('\n')).toHaveLength(1);
    const redis = await startMain({
      REMINDERS: 'off',
      LOG_LEVEL: 'silent',
      REDIS_URL: 'redis://127.0.0.1:9',
    });
    expect(redis.code).toBe(1);
    expect(redis.stderr.trim()).toMatch(
      /^duban cannot start: Redis at redis:\/\/127\.0\.0\.1:9 did not answer/,
    );
    expect(redis.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses bad environment variables, naming them', async () => {
    const { code, stderr } = await startMain({ PORT: 'eighty', LARK_EVENT_MODE: 'socket' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT: "eighty" is not a port number/);
    expect(stderr).toMatch(/LARK_EVENT_MODE: "socket" is not a mode/);
  });
});
