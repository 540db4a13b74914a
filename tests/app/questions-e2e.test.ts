import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/app/server.js';
import { loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import type { RecordedMessage } from '../../src/emulator/state.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import { EVENT_KEYS, larkVars, say, startDuban, startStandIn } from '../helpers/server-harness.js';

const keys = EVENT_KEYS;

/** What a reader sees of a reply: a card's title and markdown, or a text message's text. */
function visible(message: RecordedMessage): string {
  const content = message.content as {
    text?: string;
    header?: { title: { content: string } };
    body?: { elements: { tag: string; content?: string }[] };
  };
  if (typeof content.text === 'string') return content.text;
  const parts = (content.body?.elements ?? []).flatMap((e) =>
    e.tag === 'markdown' ? [e.content ?? ''] : [],
  );
  return [content.header?.title.content ?? '', ...parts].join('\n');
}

/**
 * The twelve questions the understanding issue found failing, asked as staff would: signed and
 * encrypted through /lark/events of a server talking to the Lark stand-in with the real SDK, in
 * the bureau group, on Monday 2023-09-25 10:00 Beijing time.
 */
describe('the questions that failed, through /lark/events', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: RunningServer;
  let main: string;
  let asker: string;

  beforeAll(async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    main = org.chats.main;
    asker = findSection('预算科', org)!.head.open_id!;
    lark = await startStandIn([main]);
    const now = new Date('2023-09-25T02:00:00Z');
    duban = await startDuban(larkVars(lark.url), { clock: () => now });
  });
  afterAll(async () => {
    await duban?.close(1000);
    await lark?.close();
  });

  const ask = async (text: string) => {
    const { status, messageId } = await say(duban, lark.standIn, keys, { chatId: main, from: asker, text });
    expect(status).toBe(200);
    const reply = await lark.standIn.state.waitForReply(messageId, 10_000);
    // A question never pings anyone: @ is for reminders.
    expect(reply.rawContent).not.toMatch(/<at /);
    return visible(reply);
  };

  it.each([
    ['债务那块谁管', /^债务科的任务\n[\s\S]*· 5\.1 [\s\S]*· 5\.2 [\s\S]*· 4\.2 /],
    ['8.4什么时候截止', /^8\.4 加强财政监督\n\*\*12月31日\*\* 整项截止/],
    [
      '预决算公开检查几号截止',
      /^8\.4 加强财政监督\n\*\*9月30日\*\* 9月底前对各预算单位预决算公开进行专项检查/,
    ],
    ['驻村第一书记归哪个科管', /^9\.1 巩固帮扶成效\n\*\*牵头科室\*\*：办公室/],
    ['只增不减那个归谁', /^8\.2 完善资金投入稳增长机制\n\*\*牵头科室\*\*：国库科/],
    ['政经企多久搞一次', /^6\.2 持续抓好金融服务\n\*\*每季度\*\*[\s\S]*牵头：金融服务中心/],
    ['金融招商今年目标多少', /^6\.1 持续做好金融招商\n\*\*4家\*\*[\s\S]*\*\*同比增长13％\*\*/],
    ['国库科都有啥活', /\*\*牵头（2 项）\*\*\n· 3\.2 [\s\S]*· 8\.2 [\s\S]*\*\*配合（\d+ 项）\*\*\n· 2\.1 /],
    ['金融中心今年都要干啥', /^金融服务中心的任务\n[\s\S]*\*\*牵头（5 项）\*\*/],
    ['监督科进度咋样', /^监督科 进度\n已完成 0\/4/],
    ['第五部分都有啥', /^第5章 [^\n]*\n共 2 项：[\s\S]*5\.1[\s\S]*5\.2/],
    ['我们科还有啥没完成', /^我的任务\n预算科待确认 \d+ 个节点/],
  ])('%s', async (question, expected) => {
    expect(await ask(question)).toMatch(expected);
  });
});
