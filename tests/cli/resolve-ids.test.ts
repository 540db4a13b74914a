import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolveIdsCommand } from '../../src/cli/commands/resolve-ids.js';
import { runCommand } from '../../src/cli/main.js';
import { classifyLarkResult, LarkApiError } from '../../src/lark/errors.js';
import { describeLarkFailure } from '../../src/lark/lark-failure.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { captureIo, runDuban } from '../helpers/cli-io.js';
import { APP_SECRET, larkVars, startStandIn } from '../helpers/server-harness.js';
import { builtScript, childEnv } from '../helpers/spawn-duban.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** org.yaml naming two heads by email only; Lark (the stand-in) knows one of the two emails. */
describe('duban resolve-ids', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let dir: string;
  beforeAll(async () => {
    lark = await startStandIn([]);
    lark.standIn.controls.addUser({
      openId: 'ou_caoyang0000000000000000000000',
      name: '曹阳',
      email: 'caoyang@czj.gov.cn',
    });
    dir = await mkdtemp(join(tmpdir(), 'duban-resolve-'));
    await cp(CONFIG_DIR, dir, { recursive: true });
    const org = await readFile(join(dir, 'org.yaml'), 'utf8');
    await writeFile(
      join(dir, 'org.yaml'),
      org
        .replace(
          /head: \{ name: 曹阳, open_id: ou_[0-9a-f]+ \}/,
          'head: { name: 曹阳, email: caoyang@czj.gov.cn }',
        )
        .replace(
          /head: \{ name: 高鹏, open_id: ou_[0-9a-f]+ \}/,
          'head: { name: 高鹏, email: gaopeng@czj.gov.cn }',
        ),
    );
  });
  afterAll(async () => {
    await lark.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the open_id for each email Lark knows, with where it goes in org.yaml', async () => {
    const { code, out } = await runDuban(['resolve-ids', '--dir', dir], larkVars(lark.url));
    expect(out).toContain(
      'sections[14].head: { name: 曹阳, open_id: ou_caoyang0000000000000000000000, email: caoyang@czj.gov.cn }',
    );
    expect(out).toContain(
      "sections[10].head: 高鹏 <gaopeng@czj.gov.cn> — Lark knows no user with this email (or the person is outside the app's 通讯录权限范围)",
    );
    expect(code).toBe(1);
  });

  it('needs a Lark app, and says so', async () => {
    const { code, err } = await runDuban(['resolve-ids', '--dir', dir], {});
    expect(code).toBe(2);
    expect(err).toMatch(/needs the Lark app: set LARK_APP_ID and LARK_APP_SECRET/);
  });

  it('says in one line, exit 1, when Lark refuses the app secret — as a process, with no SDK log or stack', async () => {
    const vars = { ...larkVars(lark.url), LARK_APP_SECRET: 'not-the-secret-000' };
    const { code, stderr, stdout } = await cli(['resolve-ids', '--dir', dir], vars);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "duban resolve-ids: Lark refused the app's credentials (HTTP 400, code 10014, app secret invalid) — check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN (feishu or lark)\n",
    );
  });

  it('says in one line, exit 1, when nothing listens at LARK_DOMAIN', async () => {
    const port = await closedPort();
    const domain = `http://127.0.0.1:${port}`;
    const { code, stderr } = await cli(['resolve-ids', '--dir', dir], { ...larkVars(domain) });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `duban resolve-ids: cannot reach Lark at ${domain}: connection refused (ECONNREFUSED) — a firewall, a proxy, or the wrong LARK_DOMAIN?\n`,
    );
    expect(stderr).not.toContain(APP_SECRET);
  });

  it('gives up on a Lark that accepts the connection and never answers (a firewall or proxy)', async () => {
    const silent = await silentServer();
    try {
      const domain = `http://127.0.0.1:${silent.port}`;
      const io = captureIo({ env: larkVars(domain) });
      const command = createResolveIdsCommand({ deadlineMs: 300 });
      const code = await runCommand(command, ['--dir', dir], io);
      expect(code).toBe(1);
      expect(io.stderr()).toBe(
        `duban resolve-ids: Lark at ${domain} did not answer within 300 ms — is outbound HTTPS to 127.0.0.1:${silent.port} blocked by a firewall or a proxy?\n`,
      );
      expect(silent.connections()).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });
});

describe('a failed Lark call in one line', () => {
  const domain = 'https://open.feishu.cn';
  const transport = (code: string) =>
    Object.assign(new Error(`getaddrinfo ${code} open.feishu.cn`), {
      isAxiosError: true,
      code,
      config: { url: `${domain}/open-apis/auth/v3/tenant_access_token/internal` },
    });
  const wrapped = (error: unknown) =>
    new LarkApiError('batch_get_id', classifyLarkResult(error), { cause: error });

  it('names DNS when the host does not resolve', () => {
    expect(describeLarkFailure(wrapped(transport('ENOTFOUND')), domain)).toBe(
      'cannot reach Lark: the name open.feishu.cn does not resolve (ENOTFOUND) — check the DNS server, or LARK_DOMAIN',
    );
    expect(describeLarkFailure(wrapped(transport('EAI_AGAIN')), domain)).toContain(
      'does not resolve (EAI_AGAIN)',
    );
  });

  it('names the firewall on a timeout or reset, and the CA on a TLS failure', () => {
    expect(describeLarkFailure(wrapped(transport('ETIMEDOUT')), domain)).toBe(
      'cannot reach Lark at https://open.feishu.cn: no route or no answer (ETIMEDOUT) — is outbound HTTPS to open.feishu.cn blocked by a firewall?',
    );
    expect(describeLarkFailure(wrapped(transport('ECONNRESET')), domain)).toContain('the connection was cut');
    expect(describeLarkFailure(wrapped(transport('SELF_SIGNED_CERT_IN_CHAIN')), domain)).toContain(
      'NODE_EXTRA_CA_CERTS',
    );
  });

  it('reads the credentials refusal the SDK throws when Lark answers 200 with a code', () => {
    const sdk = new Error('failed to get tenant_access_token, code: 10003, msg: invalid param');
    expect(describeLarkFailure(wrapped(sdk), domain)).toBe(
      "Lark refused the app's credentials (code 10003, invalid param) — check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN (feishu or lark)",
    );
  });

  it('names the missing permission', () => {
    const body = {
      code: 99991672,
      msg: 'Access denied. One of the following scopes is required: [contact:user.id:readonly]',
    };
    expect(describeLarkFailure(new LarkApiError('batch_get_id', classifyLarkResult(body)), domain)).toBe(
      'Lark batch_get_id failed (permanent: HTTP 200, code 99991672, Access denied. One of the following scopes is required: [contact:user.id:readonly]) — the app lacks a permission: add it under 权限管理, then publish a version',
    );
  });
});

/** `duban` as its own process, as an operator runs it. */
function cli(
  args: string[],
  vars: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [builtScript('cli/main.js'), ...args],
      { cwd: ROOT, env: childEnv(vars), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A loopback port nothing listens on: one the kernel just gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and never answers, as a proxy that swallows traffic does. */
async function silentServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
