import { beforeEach, describe, expect, it } from 'vitest';
import { type BotHarness, botHarness, replyText } from '../helpers/bot-harness.js';

let bot: BotHarness;
let admin: string;
beforeEach(async () => {
  bot = await botHarness('2023-09-25T02:00:00Z');
  admin = bot.config.org.admins[0]!.open_id!;
});

describe('确认账本丢失', () => {
  it('an admin clears the mark; the audit stream names them and the loss', async () => {
    await bot.store.markLedgerLost();
    bot.setNow('2023-09-25T03:00:00Z');
    const text = replyText(await bot.ask('确认账本丢失！', admin));
    expect(text).toMatch(/^已确认账本丢失（丢失于 2023-09-25T02:00:00\.000Z）/);
    expect(await bot.store.ledgerLost()).toBeNull();
    expect((await bot.store.audit()).at(-1)).toMatchObject({
      action: 'ack-ledger-lost',
      by: admin,
      at: '2023-09-25T03:00:00.000Z',
      note: 'ledger lost at 2023-09-25T02:00:00.000Z; acknowledged via 确认账本丢失 (chat)',
    });
  });

  it('with nothing lost says so and writes nothing', async () => {
    const before = (await bot.store.audit()).length;
    expect(replyText(await bot.ask('确认账本丢失', admin))).toBe('没有待确认的账本丢失，无需确认。');
    expect(await bot.store.audit()).toHaveLength(before);
  });

  it('is refused at once to anyone but an admin, naming the admins; the mark stays', async () => {
    await bot.store.markLedgerLost();
    const text = replyText(await bot.ask('确认账本丢失', bot.headOf('监督科')));
    const admins = bot.config.org.admins.map((a) => a.name).join('、');
    expect(text).toBe(`抱歉，只有督办管理员（${admins}）可以确认账本丢失。`);
    expect(await bot.store.ledgerLost()).not.toBeNull();
  });
});
