/**
 * Adversarial input: how long each piece that reads user text takes on 100 KB built to hurt it
 * (long digit runs for the item-ref pattern, repeated cue words, nested brackets, markup), called
 * directly WITHOUT the 2,000-character cut that normaliseMessage applies first, plus the whole
 * path a chat message takes (normalise → cut → understand → answer) on the same inputs.
 * Target (hardening issue): < 50 ms each at 100 KB. Run: `npx tsx bench/adversarial.bench.ts`.
 */
import { handleMessage } from '../src/bot/router.js';
import { messageReceiveEvent } from '../src/emulator/events.js';
import { normaliseMessage } from '../src/lark/inbound/normalise-message.js';
import { parseItemRef } from '../src/plan/item-ref.js';
import { escapeCardText, escapeMessageText } from '../src/text/user-text.js';
import { understand } from '../src/understand/understand.js';
import { botHarness, STAFF } from '../tests/helpers/bot-harness.js';

const SIZE = 100_000;
const fill = (unit: string, tail = '') => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE) + tail;
const INPUTS: [string, string][] = [
  ['完成 + digits + letter', `完成 ${fill('9')}a`],
  ['digits.digits', `${fill('8.')}x`],
  ['第…章 runs', fill('第八章第', '四项')],
  ['cue words repeated', fill('谁牵头什么时候几号截止')],
  ['brackets nested', fill('（（（（', '）')],
  ['card markup', fill('<at id=all></at>[x](https://e)**x**')],
  ['mixed CJK', fill('预决算公开检查政金企只增不减')],
  ['spaces and words', fill('预算 科 的 任务 ')],
];

const h = await botHarness('2023-09-25T10:00:00+08:00');
const ctx = { config: h.config, today: '2023-09-25' };
const time = (run: () => unknown) => {
  run(); // warm
  const started = performance.now();
  run();
  return performance.now() - started;
};

console.log(`node ${process.version}; each input ${SIZE.toLocaleString()} characters\n`);
console.log(
  '| input | parseItemRef | understand, 25 KB uncut | understand, 100 KB uncut | growth ×4 input | escape | whole message path |',
);
console.log('|---|---|---|---|---|---|---|');
let worst = 0;
for (const [name, text] of INPUTS) {
  const ref = time(() => parseItemRef(text));
  const parsed = time(() => understand(text, ctx));
  const quarter = time(() => understand(text.slice(0, SIZE / 4), ctx));
  const escaped = time(() => escapeMessageText(escapeCardText(text)));
  const event = messageReceiveEvent({
    appId: 'cli_bench',
    token: 't',
    messageId: 'om_bench',
    chatId: h.config.org.chats.main,
    senderOpenId: STAFF,
    text: `@_user_1 ${text}`,
    mentions: [{ openId: 'ou_bot', name: '督办' }],
  });
  const flat = { ...event.header, ...event.event };
  const whole = time(async () => {
    const normalised = normaliseMessage(flat, 'ou_bot');
    if (normalised.ok) await handleMessage(normalised.inbound, h.deps);
  });
  worst = Math.max(worst, ref, escaped, whole);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `| ${name} | ${ms(ref)} | ${ms(quarter)} | ${ms(parsed)} | ×${(parsed / quarter).toFixed(1)} | ${ms(escaped)} | ${ms(whole)} |`,
  );
}
// understand() only ever sees the cut text; uncut it is linear (growth ≈ ×4) but not free.
console.log(`\nworst of the regex, escape and whole-path columns: ${worst.toFixed(1)} ms (target < 50 ms)`);
