import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { findSection } from '../../src/config/sections.js';
import { cardActionEvent, messageReceiveEvent } from '../../src/emulator/events.js';
import { sealEvent } from '../../src/emulator/sign-event.js';
import { parseDockerfile, parseEnv } from '../deploy/dockerfile.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';
import {
  APP_ID,
  ENCRYPT_KEY,
  EVENT_KEYS,
  say,
  type startStandIn,
  VERIFICATION_TOKEN,
} from '../helpers/server-harness.js';
import { type DubanProcess, dubanWithLark } from '../helpers/spawn-duban.js';

const EVENTS = 10_000;
/** The last question goes here, so the main chat's backlog (5 replies/s per chat) does not delay it. */
const QUIET_CHAT = 'oc_fuzz_quiet_000000000000000000000';
const CONCURRENCY = 16;
const keys = EVENT_KEYS;

/** A small seeded generator: the same 10,000 events on every run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADVERSARIAL = [
  `完成 ${'9'.repeat(100_000)}a`,
  `${'8.'.repeat(30_000)}x`,
  '<at id=all></at> 已完成',
  '<at user_id="all"></at>',
  '[点此领取](https://evil.example)',
  `${'第'.repeat(20_000)}八章`,
  `撤销 ${'/'.repeat(10_000)}`,
  '\u0000\uffff\ud800 已完成',
  `${'预算科的任务 '.repeat(5_000)}`,
  '进度 '.repeat(10_000),
  '{"text": 1}',
];

/** The server's old-space heap in the test: a leak over 10,000 events would exhaust it. */
const HEAP_MB = 128;
/** Whatever GC's timing, the process never needs more than this. */
const RSS_CEILING_MB = 640;

/**
 * 10,000 random and adversarial events through /lark/events of a real duban process: texts of
 * every length and alphabet, content that is not JSON, message types the bot ignores, mentions
 * of odd shapes, card clicks with made-up values. The process must answer each with a status,
 * stay alive, keep its memory bounded, and still answer a plain question at the end.
 */
describe('fuzzing the event route', () => {
  let lark: Awaited<ReturnType<typeof startStandIn>>;
  let duban: DubanProcess;
  let running: Awaited<ReturnType<typeof dubanWithLark>> | undefined;
  let main: string;
  let head: string;

  beforeAll(async () => {
    const { org } = await loadConfig(CONFIG_DIR);
    main = org.chats.main;
    head = findSection('监督科', org)!.head.open_id!;
    // Memory is bounded the way it can be without reading the machine's load: the server runs as
    // deployed (the image's NODE_OPTIONS) with its heap capped at HEAP_MB. A leak of the events it
    // saw would exhaust that heap and kill it; garbage is collected before the cap is reached. How
    // much RSS grows in between says more about GC timing under load (175–218 MiB seen on a busy
    // machine, 45–102 MiB on a quiet one) than about a leak, so it is only held to a ceiling.
    running = await dubanWithLark([main, QUIET_CHAT], {
      NODE_OPTIONS: `${await imageNodeOptions()} --max-old-space-size=${HEAP_MB}`,
    });
    ({ lark, duban } = running);
  });
  afterAll(async () => running?.close());

  it('survives 10,000 random and adversarial events with bounded memory', { timeout: 180_000 }, async () => {
    const random = mulberry32(20231125);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const junk = (max: number) =>
      String.fromCodePoint(
        ...Array.from({ length: Math.floor(random() ** 3 * max) }, () =>
          random() < 0.5 ? 0x4e00 + Math.floor(random() * 0x5000) : 0x20 + Math.floor(random() * 0x5f),
        ),
      );
    const bot = lark.standIn.botOpenId;
    const event = (i: number): unknown => {
      const roll = random();
      const base = {
        appId: APP_ID,
        token: VERIFICATION_TOKEN,
        messageId: `om_fuzz_${i}`,
        chatId: random() < 0.7 ? main : `oc_fuzz_${i % 50}`,
        chatType: random() < 0.2 ? ('p2p' as const) : ('group' as const),
        senderOpenId: random() < 0.1 ? head : `ou_fuzz_${i % 300}`,
      };
      const addressed = random() < 0.03 ? { mentions: [{ openId: bot, name: '督办' }] } : {};
      const at = addressed.mentions ? '@_user_1 ' : '';
      if (roll < 0.05)
        return cardActionEvent({
          ...base,
          operatorOpenId: base.senderOpenId,
          value: {
            action: pick(['confirm', 'page', 'x']),
            occurrenceId: junk(40),
            page: random() * 1e9,
            query: junk(3000),
          },
        });
      if (roll < 0.1)
        return { ...messageReceiveEvent({ ...base, ...addressed }), event: { message: junk(100) } };
      if (roll < 0.15)
        return messageReceiveEvent({
          ...base,
          ...addressed,
          content: pick([junk(100), 42, null, { text: 7 }, { content: 'x' }]),
        });
      if (roll < 0.2)
        return messageReceiveEvent({
          ...base,
          ...addressed,
          messageType: 'post',
          content: pick([
            {
              title: junk(50),
              content: [
                [
                  { tag: 'text', text: junk(5000) },
                  { tag: 'at', user_id: 'all' },
                ],
              ],
            },
            { zh_cn: { content: 'x' } },
            { content: [null, [null, 5]] },
          ]),
        });
      if (roll < 0.25)
        return messageReceiveEvent({ ...base, ...addressed, text: `${at}${pick(ADVERSARIAL)}` });
      if (roll < 0.28) {
        const ev = messageReceiveEvent({ ...base, ...addressed, text: `${at}${junk(200)}` });
        return {
          ...ev,
          event: {
            ...ev.event,
            message: {
              ...ev.event.message,
              mentions: pick([{}, 'x', [null], [{ key: 5 }]]),
              message_type: pick(['image', 'file', 'sticker', 'text', 7]),
            },
          },
        };
      }
      return messageReceiveEvent({
        ...base,
        ...addressed,
        text: `${at}${junk(random() < 0.02 ? 60_000 : 300)}`,
        ...(random() < 0.05 ? { parentId: `om_fuzz_${Math.floor(random() * i)}` } : {}),
      });
    };

    const rss = async () => {
      const text = await (await fetch(`${duban.url}/metrics`)).text();
      return Number(/^duban_process_resident_memory_bytes (\d+)/m.exec(text)![1]);
    };
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < EVENTS) {
        const i = next++;
        const sealed = sealEvent(event(i), { encryptKey: ENCRYPT_KEY });
        const res = await fetch(`${duban.url}/lark/events`, {
          method: 'POST',
          headers: sealed.headers,
          body: sealed.body,
        }).catch((error: unknown) => {
          throw new Error(
            `event ${i}: the server stopped answering — a leak would exhaust its ${HEAP_MB} MB heap ` +
              `(exit code ${duban.child.exitCode}, signal ${duban.child.signalCode})`,
            { cause: error },
          );
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(duban.child.exitCode).toBeNull();
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(EVENTS);
    // Every event is acknowledged or refused as bad input; none makes the handler fail.
    expect(Object.fromEntries(statuses)).toEqual(expect.objectContaining({ 200: expect.any(Number) }));
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 400)).toEqual([]);
    const asked = await say(duban, lark.standIn, keys, { chatId: QUIET_CHAT, from: head, text: '8.4' });
    const reply = await lark.standIn.state.waitForReply(asked.messageId, 60_000);
    expect(JSON.stringify(reply.content)).toContain('8.4');
    expect(await rss()).toBeLessThan(RSS_CEILING_MB * 1024 * 1024);
    const metrics = await (await fetch(`${duban.url}/metrics`)).text();
    expect(metrics).not.toMatch(/duban_unhandled_errors_total\{[^}]*\} [1-9]/);
  });
});

/** The runtime stage's NODE_OPTIONS, as the image sets them. */
async function imageNodeOptions(): Promise<string> {
  const { stages } = parseDockerfile(await readFile(new URL('../../Dockerfile', import.meta.url), 'utf8'));
  const env = stages
    .at(-1)!
    .instructions.filter((i) => i.keyword === 'ENV')
    .flatMap((i) => parseEnv(i.args));
  const options = env.find(([name]) => name === 'NODE_OPTIONS')?.[1];
  if (!options) throw new Error('the Dockerfile sets no NODE_OPTIONS in its runtime stage');
  return options;
}
