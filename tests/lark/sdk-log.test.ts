import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.js';
import { createOutbox } from '../../src/lark/outbox.js';
import { createRedactor, REDACTED } from '../../src/lark/redact.js';
import { captureLogger, silentLogger } from '../helpers/lark-log.js';
import {
  ALICE,
  BOB,
  GROUP_CHAT,
  type RunningStandIn,
  startStandIn,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from '../helpers/lark-stand-in.js';
import { VirtualTime } from './virtual-time.js';

let running: RunningStandIn;
beforeEach(async () => {
  running = await startStandIn();
});
afterEach(() => running.close());

const SECRET_WORDS = '预算科长的机密批注';

/** A card as the bot sends it: a body worth keeping private, and people @-mentioned by open_id. */
const card = {
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: '8.4 预决算公开检查' }, template: 'blue' },
  body: {
    elements: [
      { tag: 'markdown', content: `<at id=${ALICE.openId}></at> ${SECRET_WORDS}，联系 ${ALICE.email}` },
    ],
  },
};

/** The real SDK, its logger the real redacting one, sending through the outbox to the stand-in. */
function sender() {
  const { logger, lines } = captureLogger();
  const client = createLarkClient({
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    domain: running.url,
    logger,
  });
  const time = new VirtualTime();
  const own = captureLogger();
  const outbox = createOutbox({ client, logger: own.logger, clock: time, random: () => 0.5 });
  time.watch(() => outbox.inFlight() > 0);
  /** Only what the SDK itself logged. */
  const sdkLines = () => lines.filter((l) => l.includes('"msg":"lark sdk"'));
  return { outbox, time, sdkLines, outboxLines: own.lines };
}

describe('the SDK’s error log', () => {
  it('keeps a failed DM’s card and the recipient’s open_id out, but says what failed', async () => {
    const { outbox, time, sdkLines } = sender();
    running.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230099, msg: 'bad card' });
    const failure = await time.run(
      outbox
        .send({ openId: ALICE.openId, msgType: 'interactive', content: card, key: 'dm:8.4' })
        .catch((error: unknown) => error),
    );
    expect(failure).toMatchObject({ larkCode: 230099 });

    const log = sdkLines().join('\n');
    // The SDK did log the failed request: its path, its status and Lark's code.
    expect(sdkLines().length).toBeGreaterThan(0);
    expect(log).toContain('/open-apis/im/v1/messages');
    expect(log).toContain('230099');
    expect(log).toContain('"status":400');
    expect(log).toContain('interactive');
    // …but not what the card said, whom it named, nor the credentials.
    expect(log).not.toContain(SECRET_WORDS);
    expect(log).not.toContain('预决算公开检查');
    expect(log).not.toContain(ALICE.openId);
    expect(log).not.toContain(ALICE.email);
    expect(log).not.toMatch(/ou_[0-9a-z]{6,}/);
    expect(log).toContain(`ou_${REDACTED}`);
    expect(log).not.toContain(TEST_APP_SECRET);
    for (const token of running.standIn.controls.issuedTokens()) expect(log).not.toContain(token);
  });

  it('keeps the recipient’s open_id out of the outbox’s own give-up line', async () => {
    const { outbox, time, outboxLines } = sender();
    running.standIn.controls.failNext(1, { kind: 'lark-error', status: 400, code: 230099, msg: 'bad card' });
    await time.run(
      outbox
        .send({ openId: ALICE.openId, msgType: 'interactive', content: card, key: 'dm:8.4' })
        .catch(() => undefined),
    );
    const gaveUp = outboxLines.filter((l) => l.includes('lark message given up'));
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toContain('230099');
    expect(gaveUp[0]).not.toContain(ALICE.openId);
    expect(gaveUp[0]).toContain(`ou_${REDACTED}`);
  });

  it('keeps a group reply’s text out but the chat id in, so the failure can be traced', async () => {
    const { outbox, time, sdkLines } = sender();
    const question = running.standIn.controls.addUserMessage({
      chatId: GROUP_CHAT,
      senderOpenId: BOB.openId,
      text: '8.4',
    });
    running.standIn.controls.setBotInChat(GROUP_CHAT, false);
    const failure = await time.run(
      outbox
        .send({ chatId: GROUP_CHAT, msgType: 'text', content: { text: SECRET_WORDS }, key: 'a' })
        .catch((error: unknown) => error),
    );
    expect(failure).toMatchObject({ larkCode: 230002 });
    const replyFailure = await time.run(
      outbox
        .reply({
          messageId: question.messageId,
          chatId: GROUP_CHAT,
          msgType: 'text',
          content: { text: `${SECRET_WORDS} <at user_id="${BOB.openId}"></at>` },
          key: 'b',
        })
        .catch((error: unknown) => error),
    );
    expect(replyFailure).toMatchObject({ larkCode: 230002 });

    const log = sdkLines().join('\n');
    expect(sdkLines().length).toBeGreaterThanOrEqual(2);
    expect(log).toContain('230002');
    expect(log).toContain(GROUP_CHAT);
    expect(log).toContain(`/reply`);
    expect(log).not.toContain(SECRET_WORDS);
    expect(log).not.toContain(BOB.openId);
  });

  it('keeps app_secret out when the token request itself fails', async () => {
    const { logger, lines } = captureLogger();
    const secret = 'wrong-secret-that-must-not-leak-43';
    const client = createLarkClient({ appId: TEST_APP_ID, appSecret: secret, domain: running.url, logger });
    const time = new VirtualTime();
    const outbox = createOutbox({ client, logger: silentLogger, clock: time });
    time.watch(() => outbox.inFlight() > 0);
    const failure = await time.run(
      outbox
        .send({ openId: ALICE.openId, msgType: 'text', content: { text: SECRET_WORDS }, key: 'x' })
        .catch((error: unknown) => error),
    );
    expect(failure).toMatchObject({ larkCode: 10014, retryable: false });
    const log = lines.join('\n');
    expect(log).toContain('tenant_access_token/internal');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(SECRET_WORDS);
    expect(log).not.toContain(ALICE.openId);
  });
});

describe('createRedactor', () => {
  const redact = createRedactor(['the-app-secret-123']);

  it('redacts content fields, in objects and in JSON strings', () => {
    const body = { receive_id: GROUP_CHAT, msg_type: 'text', content: '{"text":"秘密"}', uuid: 'dbn-1' };
    expect(redact({ data: body })).toEqual({ data: { ...body, content: REDACTED } });
    const asString = redact({ data: JSON.stringify(body) }) as { data: string };
    expect(JSON.parse(asString.data)).toEqual({ ...body, content: REDACTED });
  });

  it('redacts content in JSON text cut short (not parseable)', () => {
    const cut = `{"receive_id":"${GROUP_CHAT}","content":"{\\"text\\":\\"秘密`;
    const out = redact(cut) as string;
    expect(out).not.toContain('秘密');
    expect(out).toContain(GROUP_CHAT);
  });

  it('redacts open_ids and union_ids but keeps chat and message ids', () => {
    const out = redact(
      `/open-apis/contact/v3/users/ou_0a1b2c3d?user_id_type=open_id on_77aa99 oc_1234abcd om_5678 union_id`,
    );
    expect(out).toBe(
      `/open-apis/contact/v3/users/ou_${REDACTED}?user_id_type=open_id on_${REDACTED} oc_1234abcd om_5678 union_id`,
    );
  });

  it('redacts emails, mobiles, tokens and the known secrets', () => {
    const out = redact({
      config: {
        data: JSON.stringify({ emails: ['zhangsan@example.cn'], mobiles: ['+8613800000000'] }),
        headers: { Authorization: 'Bearer t-abcdefghijklmnopqrstuvwxyz' },
      },
      message: 'app_secret=the-app-secret-123 for lisi@example.cn',
    });
    const text = JSON.stringify(out);
    for (const leak of [
      'zhangsan@example.cn',
      '+8613800000000',
      't-abcdefghijklmnopqrstuvwxyz',
      'the-app-secret-123',
      'lisi@example.cn',
    ])
      expect(text).not.toContain(leak);
  });
});
