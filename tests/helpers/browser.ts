import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium for browser tests, never a downloaded one. Where it is missing the tests skip
 * with a loud notice — unless REQUIRE_BROWSER=1 (CI installs it), where that is a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** For a test file's top level: true when Chromium is there; false with a notice; throws under REQUIRE_BROWSER=1. */
export function browserForTests(suite: string): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    const message = `no Chromium at ${CHROMIUM}`;
    if (process.env.REQUIRE_BROWSER === '1')
      throw new Error(`${message}, and REQUIRE_BROWSER=1: ${suite} cannot run`);
    const bar = '!'.repeat(78);
    console.warn(
      `\n${bar}\n!! SKIPPED: ${suite} — ${message}.\n!! Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH); set REQUIRE_BROWSER=1 to make this a failure.\n${bar}\n`,
    );
    return false;
  }
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile in a temp directory, removed on close. */
export async function launchChromium(viewport: { width: number; height: number }): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'duban-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
