import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { runDuban } from '../helpers/cli-io.js';
import { larkVars, startStandIn } from '../helpers/server-harness.js';

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
  afterAll(() => lark.close());

  it('prints the open_id for each email Lark knows, with where it goes in org.yaml', async () => {
    const { code, out } = await runDuban(['resolve-ids', '--dir', dir], larkVars(lark.url));
    expect(out).toContain(
      'sections[14].head: { name: 曹阳, open_id: ou_caoyang0000000000000000000000, email: caoyang@czj.gov.cn }',
    );
    expect(out).toContain(
      'sections[10].head: 高鹏 <gaopeng@czj.gov.cn> — Lark knows no user with this email',
    );
    expect(code).toBe(1);
  });

  it('needs a Lark app, and says so', async () => {
    const { code, err } = await runDuban(['resolve-ids', '--dir', dir], {});
    expect(code).toBe(2);
    expect(err).toMatch(/needs the Lark app: set LARK_APP_ID and LARK_APP_SECRET/);
  });
});
