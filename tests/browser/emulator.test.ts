import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { findSection } from '../../src/config/sections.js';
import { STAFF_MEMBER } from '../../src/emulator/page/people.js';
import { browserForTests, launchChromium, type TestBrowser } from '../helpers/browser.js';
import { startDuban } from '../helpers/server-harness.js';

const chromiumHere = browserForTests('emulator page in Chromium');

/** EMULATOR_SCREENSHOT=1 refreshes the README's picture; otherwise it goes to a temp file. */
const SCREENSHOT =
  process.env.EMULATOR_SCREENSHOT === '1' ? 'docs/emulator.png' : join(tmpdir(), 'duban-emulator.png');
const WAIT = { timeout: 10_000 };
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe.runIf(chromiumHere)('local mode in a browser', () => {
  let duban: RunningServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    duban = await startDuban({}, { reminders: false });
    browser = await launchChromium({ width: 1200, height: 820 });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await duban?.close(1000);
  });

  const botMessage = (page: Page, text: string) =>
    page.locator('.msg[data-from="bot"]').filter({ hasText: text }).last();

  it('asks who leads, jumps the clock, answers a reminder 已完成 and sees it confirmed', async () => {
    const org = duban.config().org;
    const head = findSection('监督科', org)!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(duban.url);
    await page.locator('header', { hasText: '本地模拟 · 非真实飞书' }).waitFor(WAIT);

    // A colleague org.yaml does not list asks in the bureau group.
    await page.selectOption('#who', STAFF_MEMBER.openId);
    await page.selectOption('#chat', org.chats.main);
    await page.fill('#input', '政金企 谁牵头');
    await page.click('#send');
    const answer = botMessage(page, '牵头科室');
    await answer.waitFor(WAIT);
    expect(await answer.locator('.card-header').textContent()).toBe('6.2 持续抓好金融服务');
    // Heads are named, not pinged: a question must not ring anyone's phone.
    expect(await answer.locator('.card-body').textContent()).toContain('金融服务中心 罗斌');
    expect(await answer.locator('.card-body').textContent()).not.toContain('@罗斌');
    expect(await answer.locator('.card-body b').first().textContent()).toBe('牵头科室');

    // Monday 2023-09-25 09:00 in Shanghai: the reminders of that morning fire at once.
    await page.fill('#clock-to', '2023-09-25T09:00');
    await page.click('#clock-jump');
    await page.locator('#clock-now', { hasText: '2023-09-25 09:00' }).waitFor(WAIT);
    const reminderChat = head.chat_id ?? org.chats.main;
    await page.selectOption('#chat', reminderChat);
    const reminder = botMessage(page, '请监督科关注');
    await reminder.waitFor(WAIT);
    expect(await reminder.locator('.card-header').textContent()).toContain('督办提醒');
    expect(await reminder.locator('.card-body').textContent()).toContain(`@${head.head.name}`);
    expect(await reminder.locator('.card-btn').first().textContent()).toMatch(/^标记完成/);
    // Found by id from here on: a confirmation redraws the card, and its text changes.
    const reminderCard = page.locator(`.msg[data-id="${await reminder.getAttribute('data-id')}"]`);

    // The 监督科 head replies to the reminder.
    await page.selectOption('#who', head.head.open_id!);
    expect(await page.locator('#chat').inputValue()).toBe(reminderChat);
    const reply = async (text: string) => {
      await botMessage(page, '请监督科关注').locator('.reply-btn').click();
      expect(await page.locator('#reply-text').textContent()).toContain('回复 督办：督办提醒');
      await page.fill('#input', text);
      await page.click('#send');
    };
    await reply('已完成');
    const which = botMessage(page, '请指明完成的是哪一项');
    await which.waitFor(WAIT);
    expect(await page.locator('.msg.mine').last().locator('.quote').textContent()).toContain(
      '回复 督办：督办提醒',
    );
    await reply('全部完成');
    const confirmed = botMessage(page, '已记录 监督科 完成');
    await confirmed.waitFor(WAIT);
    expect(await confirmed.locator('.quote').textContent()).toContain(
      `回复 ${head.head.name}：@督办 全部完成`,
    );
    expect(await duban.store.occurrence('8.4/m3/2023')).toMatchObject({ status: 'done' });
    // The reminder itself was redrawn in place (a live card), not left saying 标记完成.
    await reminderCard.locator('.updated', { hasText: '（卡片已更新）' }).waitFor(WAIT);

    // The README's picture: the reminder on top, the replies and the bot's answers below it.
    await page.setViewportSize({ width: 1200, height: 1180 });
    await reminderCard.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    const size = (await stat(SCREENSHOT)).size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(300 * 1024);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('clicks 标记完成 on a reminder card and sees the card redrawn with the toast', async () => {
    const org = duban.config().org;
    const page = await browser.context.newPage();
    await page.goto(`${duban.url}/?as=${org.admins[0]!.open_id}&chat=${org.chats.main}`);
    const card = page
      .locator('.msg[data-from="bot"]')
      .filter({ has: page.locator('.card-btn', { hasText: '标记完成' }) })
      .first();
    await card.waitFor(WAIT);
    const id = await card.getAttribute('data-id');
    await card.locator('.card-btn', { hasText: '标记完成' }).first().click();
    await page.locator('.toast.success').waitFor(WAIT);
    const redrawn = page.locator(`.msg[data-id="${id}"]`);
    await redrawn.locator('.updated', { hasText: '（卡片已更新）' }).waitFor(WAIT);
    expect(await redrawn.locator('.card-body').textContent()).toContain('已确认');
    await page.close();
  }, 30_000);

  it('shows an exported 台账 as a download link and a sent image as a picture', async () => {
    const admin = duban.config().org.admins[0]!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${duban.url}/?as=${admin.open_id}`);
    await page.selectOption('#chat', { label: '与督办私聊' });
    await page.fill('#input', '导出台账');
    await page.click('#send');
    const link = page.locator('.msg[data-from="bot"] a.attachment-file').last();
    await link.waitFor(WAIT);
    expect(await link.textContent()).toMatch(/^📎 2023年督办台账（截至\d+月\d+日）\.xlsx$/);
    const download = await page.request.get(new URL((await link.getAttribute('href'))!, duban.url).href);
    expect((await download.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await botMessage(page, '已发送《2023年工作要点督办台账').waitFor(WAIT);

    await page.setInputFiles('#attach', {
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: ONE_PIXEL_PNG,
    });
    const image = page.locator('.msg.mine img.attachment-image').last();
    await image.waitFor(WAIT);
    await page.waitForFunction(
      (img) => (img as { complete: boolean }).complete,
      await image.elementHandle(),
      WAIT,
    );
    expect(await image.evaluate((img) => (img as { naturalWidth: number }).naturalWidth)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('works at phone width with polling when the browser has no EventSource', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.addInitScript({ content: 'delete window.EventSource;' });
    const head = findSection('预算科', duban.config().org)!.head;
    await page.goto(`${duban.url}/?as=${head.open_id}`);
    await page.selectOption('#chat', { label: '与督办私聊' });
    expect(await page.locator('#mention-label').isHidden()).toBe(true);
    // A long answer (the overdue list), taller than the phone.
    await page.fill('#input', '逾期');
    await page.click('#send');
    await page.locator('.msg[data-from="bot"] .card').waitFor(WAIT);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    // The input stays on screen: the message list scrolls, not the page.
    const composer = (await page.locator('#composer').boundingBox())!;
    expect(composer.y + composer.height).toBeLessThanOrEqual(844);
    await page.close();
  }, 30_000);
});
