import { describe, expect, it } from 'vitest';
import { handleCardAction } from '../../src/bot/card-actions.js';
import { CARD_BYTE_LIMIT, cardBytes } from '../../src/bot/cards/card.js';
import { findSection } from '../../src/config/sections.js';
import { STAFF } from '../helpers/bot-harness.js';
import { memoryBackend } from '../helpers/reminder-backends.js';
import { reminderHarness } from '../helpers/reminder-harness.js';

describe('the reminder card', () => {
  it('@-mentions the head and deputies, offers 标记完成, and is redrawn with who confirmed after a click', async () => {
    const h = await reminderHarness(memoryBackend);
    await h.sweepOn('2023-09-28');
    const sent = h.sender.sent.find(({ message }) => message.occurrenceIds.includes('8.4/m1/2023'))!;
    const head = findSection('监督科', h.config.org)!.head.open_id!;
    const json = JSON.stringify(sent.message.card);
    expect(json).toContain(`<at id=${head}></at>`);
    expect(json).toContain(
      '"action":"confirm","occurrenceId":"8.4/m1/2023","view":"reminder","section":"监督科"',
    );
    expect(json).toContain('回复并 @督办'); // reminders.yaml group_messages: false

    const click = (from: string) =>
      handleCardAction(
        {
          operatorOpenId: from,
          value: { action: 'confirm', occurrenceId: '8.4/m1/2023', view: 'reminder', section: '监督科' },
          messageId: sent.messageId,
          chatId: sent.message.chatId,
        },
        { store: h.store, config: () => h.config, clock: h.now },
      );
    const refused = await click(STAFF);
    expect(refused.toast.type).toBe('warning');
    expect(refused.card).toBeUndefined();

    const done = await click(head);
    expect(done.toast.type).toBe('success');
    const redrawn = JSON.stringify(done.card);
    expect(redrawn).toContain('✅ 监督科 已确认');
    expect(redrawn).toContain(`<at id=${head}></at>，9月28日 09:00`);
    expect(redrawn).not.toContain('"occurrenceId":"8.4/m1/2023"');
    // Every other occurrence the message carries is still on the card.
    for (const id of sent.message.occurrenceIds.filter((i) => i !== '8.4/m1/2023'))
      expect(redrawn).toContain(`"occurrenceId":"${id}"`);
  });

  it('cuts a big day into cards of at most 20 items, each far below Lark’s 30 KB', async () => {
    const h = await reminderHarness(memoryBackend);
    await h.sweepOn('2023-12-29');
    expect(
      h.sender.sent.find((s) => s.message.section === '金融服务中心')?.message.occurrenceIds.length,
    ).toBe(19);
    for (const { message } of h.sender.sent.filter((s) => s.message.kind !== 'weekly')) {
      expect(message.occurrenceIds.length).toBeLessThanOrEqual(20);
      expect(cardBytes(message.card)).toBeLessThan(CARD_BYTE_LIMIT / 2);
    }
  });
});
