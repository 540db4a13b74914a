import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardElement } from '../../src/bot/reply.js';
import { createChartImage } from '../../src/chart/chart-image.js';
import { ChartRenderer } from '../../src/chart/chart-renderer.js';
import { CHART_COLOURS } from '../../src/chart/progress-chart.js';
import { createManualClock } from '../../src/emulator/clock.js';
import { createLarkClient } from '../../src/lark/client.js';
import { uploadImage } from '../../src/lark/upload-resource.js';
import { instantOf } from '../../src/reminders/local-time.js';
import type { OutgoingReminder } from '../../src/reminders/outgoing.js';
import { sweep } from '../../src/reminders/sweep.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import { type RunningStandIn, startStandIn, TEST_APP_ID, TEST_APP_SECRET } from '../helpers/lark-stand-in.js';
import { decodePng } from '../helpers/png-pixels.js';
import { redisForTests } from '../helpers/redis.js';
import { memoryBackend, redisBackend } from '../helpers/reminder-backends.js';
import { type ReminderHarness, reminderHarness } from '../helpers/reminder-harness.js';

/**
 * The weekly digest's chart at the sweep: drawn and uploaded to the Lark stand-in through the real
 * SDK by the replica that holds the week's claim, shown in the card — and left out, with the
 * digest still sent, when the upload or the drawing fails. Monday 2023-09-25 09:00, the shipped plan.
 */
const backend = (await redisForTests('weekly chart on Redis')) ? redisBackend : memoryBackend;
const renderer = new ChartRenderer();
const IMAGES = '/open-apis/im/v1/images';

let lark: RunningStandIn;
let h: ReminderHarness;
const monday = () => instantOf('2023-09-25', h.config.reminders.send_at, h.config.reminders.timezone);

beforeEach(async () => {
  lark = await startStandIn({ now: createManualClock().now });
  h = await reminderHarness(backend);
});
afterEach(async () => {
  await h.cleanup();
  await lark.close();
});

function larkClient(secret = TEST_APP_SECRET) {
  return createLarkClient({ appId: TEST_APP_ID, appSecret: secret, domain: lark.url, logger: silentLogger });
}

const uploads = () =>
  lark.standIn.state.responses.filter((r) => r.path === IMAGES && r.status === 200).length;

function weeklySent(sent: { message: OutgoingReminder }[]): OutgoingReminder[] {
  return sent.map((s) => s.message).filter((m) => m.kind === 'weekly');
}

function images(message: OutgoingReminder): Extract<CardElement, { tag: 'img' }>[] {
  return message.card.body.elements.filter((e): e is Extract<CardElement, { tag: 'img' }> => e.tag === 'img');
}

describe(`the weekly digest's chart (${backend.name})`, () => {
  it('is uploaded once by the replica holding the claim and shown in the card; the PNG is a real chart', async () => {
    const client = larkClient();
    // Each replica has its own chart, and so its own memory of charts it uploaded.
    const chart = () =>
      createChartImage({ renderer, upload: (png) => uploadImage(client, png), logger: silentLogger });
    const other = await h.replica();
    // Two replicas sweep the same instant: one digest, one upload.
    const [a, b] = await Promise.all([
      sweep(monday(), { ...h.deps(), chart: chart() }),
      sweep(monday(), { ...h.deps(other), chart: chart() }),
    ]);
    const weekly = weeklySent([...a.sent, ...b.sent]);
    expect(weekly).toHaveLength(1);
    expect(uploads()).toBe(1);
    const [img] = images(weekly[0]!);
    expect(img?.img_key).toMatch(/^img_v3_/);
    expect(img?.alt.content).toContain('督办进度图');
    // Under the bureau's line, before the sections.
    expect(weekly[0]!.card.body.elements.findIndex((e) => e.tag === 'img')).toBe(1);

    const stored = lark.standIn.state.resources.get(img!.img_key);
    expect(stored?.kind).toBe('image');
    const pixels = decodePng(stored!.bytes);
    expect(pixels.width).toBeGreaterThan(500);
    const colours = pixels.colours();
    // On 9/25 nothing is confirmed yet: open and overdue bars.
    for (const state of ['open', 'overdue'] as const)
      expect(colours.get(CHART_COLOURS[state]) ?? 0, state).toBeGreaterThan(2_000);
    expect(colours.size).toBeGreaterThan(10); // text is anti-aliased: many shades
    expect(pixels.ink()).toBeGreaterThan(pixels.width * pixels.height * 0.1);
  });

  it('is left out, and the digest still sent, when Lark refuses the upload', async () => {
    const { logger, lines } = captureLogger();
    const refused = larkClient('not-the-app-secret');
    const chart = createChartImage({ renderer, upload: (png) => uploadImage(refused, png), logger });
    const report = await sweep(monday(), { ...h.deps(), chart });
    const [weekly] = weeklySent(report.sent);
    expect(weekly).toBeDefined();
    expect(images(weekly!)).toEqual([]);
    expect(uploads()).toBe(0);
    const warned = lines.map((l) => JSON.parse(l)).find((l) => l.msg?.includes('progress chart left out'));
    expect(warned).toMatchObject({ level: 40, purpose: 'weekly', stage: 'upload' });
  });

  it('is left out, and the digest still sent, when there is no font to draw it with', async () => {
    const { logger, lines } = captureLogger();
    const client = larkClient();
    const chart = createChartImage({
      renderer: new ChartRenderer('/nonexistent/font.ttc'),
      upload: (png) => uploadImage(client, png),
      logger,
    });
    const report = await sweep(monday(), { ...h.deps(), chart });
    const [weekly] = weeklySent(report.sent);
    expect(weekly).toBeDefined();
    expect(images(weekly!)).toEqual([]);
    expect(uploads()).toBe(0);
    const warned = lines.map((l) => JSON.parse(l)).find((l) => l.msg?.includes('progress chart left out'));
    expect(warned).toMatchObject({ stage: 'render' });
    expect(warned.err.message).toContain('/nonexistent/font.ttc');
  });

  it('is drawn and uploaded once per picture: the same counts again reuse the image, a change draws anew', async () => {
    const client = larkClient();
    const chart = createChartImage({
      renderer,
      upload: (png) => uploadImage(client, png),
      logger: silentLogger,
    });
    const input = (done: number) => ({
      title: '督办进度',
      panels: [
        { heading: '按牵头科室', bars: [{ label: '监督科', done, awaiting: 0, open: 2, overdue: 1 }] },
      ],
    });
    const [first, again] = await Promise.all([
      chart(input(1), { purpose: 'progress' }),
      chart(input(1), { purpose: 'progress' }),
    ]);
    expect(first).toMatch(/^img_v3_/);
    expect(again).toBe(first);
    expect(await chart(input(1), { purpose: 'weekly' })).toBe(first);
    expect(uploads()).toBe(1);
    const changed = await chart(input(2), { purpose: 'progress' });
    expect(changed).not.toBe(first);
    expect(uploads()).toBe(2);
  });

  it('tries again after a failed chart instead of remembering the failure', async () => {
    let refuse = true;
    const client = larkClient();
    const refused = larkClient('not-the-app-secret');
    const chart = createChartImage({
      renderer,
      upload: (png) => uploadImage(refuse ? refused : client, png),
      logger: silentLogger,
    });
    const input = {
      title: 't',
      panels: [{ heading: 'h', bars: [{ label: '办公室', done: 1, awaiting: 0, open: 0, overdue: 0 }] }],
    };
    expect(await chart(input, { purpose: 'progress' })).toBeNull();
    refuse = false;
    expect(await chart(input, { purpose: 'progress' })).toMatch(/^img_v3_/);
  });
});
