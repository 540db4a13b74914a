import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { runDuban } from '../helpers/cli-io.js';
import { cleanUpPrefix, randomPrefix, redisForTests, TEST_REDIS_URL } from '../helpers/redis.js';

const redisUp = await redisForTests('duban sweep dry run with 进展填报');

describe.runIf(redisUp)('duban sweep, a dry run on the day of 进展填报', () => {
  const prefix = randomPrefix();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-progress-cli-'));
    await cp(CONFIG_DIR, dir, { recursive: true });
    const file = join(dir, 'reminders.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(file, yaml.replace('\nprogress_report: off\n', '\nprogress_report: { day: 25 }\n'));
  });
  afterAll(async () => {
    await cleanUpPrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the cards it would send and records no request in the store', async () => {
    const env = { CONFIG_DIR: dir, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    expect((await runDuban(['sync'], env)).code).toBe(0);
    const { code, out, err } = await runDuban(['sweep', '--at', '2023-11-27T09:00:00+08:00'], env);
    expect(code).toBe(0);
    expect(err).toMatch(/DRY RUN/);
    expect(out).toMatch(/ progress 预算科 /);
    const store = await createStore({ redisUrl: TEST_REDIS_URL, prefix, year: 2023 });
    try {
      expect(await store.progressRequests('2023-11')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('shows the cards in duban preview on their day, and none with the shipped config', async () => {
    const range = ['preview', '--from', '2023-11-20', '--to', '2023-11-30'];
    const { code, out } = await runDuban(range, { CONFIG_DIR: dir });
    expect(code).toBe(0);
    const monday = out.slice(out.indexOf('2023-11-27 周一'), out.indexOf('2023-11-28 周二'));
    expect(monday).toContain('每月进展填报：5 项未完成工作（2.1、3.1、3.3、4.1、4.2）');
    expect(out.match(/每月进展填报/g)?.length).toBe(monday.match(/每月进展填报/g)?.length);
    expect((await runDuban(range, { CONFIG_DIR })).out).not.toContain('进展填报');
  });
});
