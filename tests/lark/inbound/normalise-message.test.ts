import { describe, expect, it } from 'vitest';
import { messageReceiveEvent } from '../../../src/emulator/events.js';
import { MAX_MESSAGE_CHARS, normaliseMessage } from '../../../src/lark/inbound/normalise-message.js';

const BOT = 'ou_bot';

/** The event as the SDK's dispatcher hands it to a handler: header and event flattened. */
function flattened(input: Partial<Parameters<typeof messageReceiveEvent>[0]> = {}) {
  const { header, event, ...rest } = messageReceiveEvent({
    appId: 'cli_x',
    token: 't',
    eventId: 'ev1',
    messageId: 'om1',
    chatId: 'oc1',
    senderOpenId: 'ou_alice',
    createTime: 1_695_800_000_000,
    ...input,
  });
  return { ...rest, ...header, ...event };
}

function text(input: Partial<Parameters<typeof messageReceiveEvent>[0]>) {
  const result = normaliseMessage(flattened(input), BOT);
  if (!result.ok) throw new Error(result.reason);
  return result.inbound;
}

describe('normaliseMessage', () => {
  it('cuts a message to MAX_MESSAGE_CHARS before anything parses it', () => {
    const inbound = text({
      text: `@_user_1 ${'预算'.repeat(50_000)}`,
      mentions: [{ openId: BOT, name: '督办' }],
    });
    expect(inbound.text.length).toBe(MAX_MESSAGE_CHARS);
  });

  it('strips the bot’s mention wherever it is and renders others as @name', () => {
    const inbound = text({
      text: '@_user_1  谁负责 @_user_2 的 预决算公开检查 ',
      mentions: [
        { openId: BOT, name: 'duban' },
        { openId: 'ou_bob', name: '李四' },
      ],
    });
    expect(inbound.text).toBe('谁负责 @李四 的 预决算公开检查');
    expect(inbound.mentions).toEqual([{ openId: 'ou_bob', name: '李四' }]);
  });

  it('does not confuse @_user_1 with @_user_10', () => {
    const mentions = Array.from({ length: 10 }, (_, i) => ({
      openId: i === 9 ? BOT : `ou_${i + 1}`,
      name: `人${i + 1}`,
    }));
    expect(text({ text: '@_user_10 @_user_1 进度', mentions }).text).toBe('@人1 进度');
  });

  it('renders @_all and keeps line breaks', () => {
    expect(text({ text: '@_all 本周到期\n\n\n\n逾期' }).text).toBe('@所有人 本周到期\n\n逾期');
  });

  it('reads post messages: title, paragraphs, at elements, links', () => {
    const content = {
      title: '问题',
      content: [
        [
          { tag: 'at', user_id: '@_user_1', user_name: 'duban' },
          { tag: 'text', text: ' 8.4 ' },
          { tag: 'a', text: '链接', href: 'https://x' },
        ],
        [
          { tag: 'img', image_key: 'img_1' },
          { tag: 'text', text: '谁牵头' },
          { tag: 'at', user_id: '@_user_2', user_name: '李四' },
        ],
      ],
    };
    const inbound = text({
      messageType: 'post',
      content,
      mentions: [
        { openId: BOT, name: 'duban' },
        { openId: 'ou_bob', name: '李四' },
      ],
    });
    expect(inbound.text).toBe('问题\n8.4 链接\n谁牵头@李四');
  });

  it('reads a locale-wrapped post', () => {
    const content = { zh_cn: { title: '', content: [[{ tag: 'text', text: '逾期' }]] } };
    expect(text({ messageType: 'post', content }).text).toBe('逾期');
  });

  it('keeps chat type, parent and root, and the time in ms', () => {
    const inbound = text({ chatType: 'p2p', parentId: 'om_parent', rootId: 'om_root', text: '已完成' });
    expect(inbound).toMatchObject({
      eventId: 'ev1',
      messageId: 'om1',
      chatId: 'oc1',
      chatType: 'p2p',
      parentId: 'om_parent',
      rootId: 'om_root',
      sender: { openId: 'ou_alice', type: 'user' },
      createTime: 1_695_800_000_000,
    });
    expect(text({ text: 'x' })).not.toHaveProperty('parentId');
  });

  it('ignores bots, the bot itself, other message types and broken events', () => {
    expect(normaliseMessage(flattened({ senderType: 'app' }), BOT).ok).toBe(false);
    expect(normaliseMessage(flattened({ senderOpenId: BOT }), BOT).ok).toBe(false);
    const sticker = { ...flattened(), message: { ...flattened().message, message_type: 'sticker' } };
    expect(normaliseMessage(sticker, BOT)).toEqual({
      ok: false,
      reason: 'message type sticker is not text or post',
    });
    // An image message without its key carries nothing the bot could fetch.
    const keyless = {
      ...flattened(),
      message: { ...flattened().message, message_type: 'image', content: '{}' },
    };
    expect(normaliseMessage(keyless, BOT).ok).toBe(false);
    expect(normaliseMessage({}, BOT).ok).toBe(false);
    expect(normaliseMessage(null, BOT).ok).toBe(false);
  });

  it("reads files, images and a post's pictures as attachments (佐证材料), names bounded", () => {
    const file = text({ messageType: 'file', content: { file_key: 'file_v3_1', file_name: '检查报告.pdf' } });
    expect(file).toMatchObject({
      text: '',
      attachments: [{ kind: 'file', key: 'file_v3_1', name: '检查报告.pdf' }],
    });
    const image = text({ messageType: 'image', content: { image_key: 'img_v3_1' } });
    expect(image.attachments).toEqual([{ kind: 'image', key: 'img_v3_1', name: '图片' }]);
    const post = text({
      messageType: 'post',
      content: {
        title: '',
        content: [
          [{ tag: 'text', text: '已完成' }],
          [
            { tag: 'img', image_key: 'img_a' },
            { tag: 'img', image_key: 'img_b' },
          ],
        ],
      },
    });
    expect(post.text).toBe('已完成');
    expect(post.attachments?.map((a) => a.key)).toEqual(['img_a', 'img_b']);
    const long = text({ messageType: 'file', content: { file_key: 'k', file_name: 'x'.repeat(1000) } });
    expect(long.attachments?.[0]?.name).toHaveLength(200);
    expect(text({ text: 'x' })).not.toHaveProperty('attachments');
  });
});
