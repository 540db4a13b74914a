import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { CHART_COLOURS } from '../../src/chart/progress-chart.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { decodePng } from '../helpers/png-pixels.js';
import { EVENT_KEYS, larkVars, say, startDuban, startStandIn } from '../helpers/server-harness.js';

const keys = EVENT_KEYS;
const STAFF = 'ou_0000000000000000000000000000staff';

interface CardContent {
  body: { elements: { tag: string; img_key?: string; content?: string }[] };
}

/**
 * The chart as a reader gets it, through a server talking to the Lark stand-in: the Monday digest
 * in the leadership chat and the answer to 进度 each carry an img whose key is an uploaded PNG.
 */
describe('the progress chart in chat', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let weekly: RecordedMessage;
  let mainChat: string;

  beforeAll(async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    mainChat = org.chats.main;
    const chats = [org.chats.main, org.chats.leadership!, ...org.sections.flatMap((s) => s.chat_id ?? [])];
    lark = await startStandIn([...new Set(chats)]);
    const now = new Date('2023-09-25T01:00:00Z'); // Monday 09:00 in Beijing
    duban = await startDuban(larkVars(lark.url), { clock: () => now });
    const report = await duban.sweepNow();
    weekly = lark.standIn.state.message(report.sent.find((s) => s.message.kind === 'weekly')!.messageId)!;
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
  });

  /** The PNG behind the card's one img element, as the stand-in stored the upload. */
  function chartOf(message: RecordedMessage) {
    const images = (message.content as CardContent).body.elements.filter((e) => e.tag === 'img');
    expect(images).toHaveLength(1);
    const stored = lark.standIn.state.resources.get(images[0]!.img_key!);
    expect(stored?.kind).toBe('image');
    return decodePng(stored!.bytes);
  }

  it('is in the weekly digest sent to the leadership chat, and is not blank', () => {
    expect(weekly.msgType).toBe('interactive');
    const pixels = chartOf(weekly);
    const colours = pixels.colours();
    expect(colours.get(CHART_COLOURS.open) ?? 0).toBeGreaterThan(2_000);
    expect(colours.get(CHART_COLOURS.overdue) ?? 0).toBeGreaterThan(2_000);
    expect(pixels.ink()).toBeGreaterThan(pixels.width * pixels.height * 0.1);
  });

  it('answers 进度, under the bureau total', async () => {
    const { status, messageId } = await say(duban, lark.standIn, keys, {
      chatId: mainChat,
      from: STAFF,
      text: '进度',
    });
    expect(status).toBe(200);
    const answer = await lark.standIn.state.waitForReply(messageId, 10_000);
    const elements = (answer.content as CardContent).body.elements;
    expect(elements[0]?.content).toContain('合计');
    expect(elements[1]?.tag).toBe('img');
    const pixels = chartOf(answer);
    expect(pixels.colours().get(CHART_COLOURS.overdue) ?? 0).toBeGreaterThan(2_000);
  });

  it('is not drawn for one section or one chapter (a single bar says less than the numbers)', async () => {
    const { messageId } = await say(duban, lark.standIn, keys, {
      chatId: mainChat,
      from: STAFF,
      text: '进度 监督科',
    });
    const answer = await lark.standIn.state.waitForReply(messageId, 10_000);
    expect((answer.content as CardContent).body.elements.some((e) => e.tag === 'img')).toBe(false);
  });
});
