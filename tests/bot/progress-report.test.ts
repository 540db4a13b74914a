import { beforeEach, describe, expect, it } from 'vitest';
import { type BotHarness, botHarness, replyText } from '../helpers/bot-harness.js';

/** Replies to 进展填报 cards, injected as Inbound: what is stored and said back. */
describe('a reply to a 进展填报 card', () => {
  let bot: BotHarness;
  const request = (messageId: string, section: string, itemIds: string[]) =>
    bot.store.recordProgressRequest({
      messageId,
      section,
      month: '2023-11',
      itemIds,
      sentAt: '2023-11-27T01:00:00.000Z',
    });
  const to = (messageId: string) => ({ parentId: messageId, rootId: messageId });

  beforeEach(async () => {
    bot = await botHarness('2023-11-28T02:00:00Z');
    await request('om_supervision', '监督科', ['8.4']);
    await request('om_budget', '预算科', ['2.1', '3.1', '3.3', '4.1', '4.2']);
  });

  it('takes bare text on a one-item card as that item’s note, even when it says 已完成, and confirms nothing', async () => {
    const answer = replyText(
      await bot.ask('已完成3家抽查，11月底前完成', bot.headOf('监督科'), to('om_supervision')),
    );
    expect(answer).toBe('✅ 已记录 8.4 进展：已完成3家抽查，11月底前完成');
    expect(await bot.store.progressNotes('8.4')).toEqual([
      expect.objectContaining({ section: '监督科', by: '曹阳', text: '已完成3家抽查，11月底前完成' }),
    ]);
    expect((await bot.store.occurrencesOfItem('8.4')).every((o) => o.confirmations.length === 0)).toBe(true);
  });

  it('hears a reply without @ (group_messages) and one deeper in the card’s thread', async () => {
    await bot.ask('3.1：初稿已成', bot.headOf('预算科'), { ...to('om_budget'), mentionsBot: false });
    await bot.ask('4.2：配合完成', bot.headOf('预算科'), {
      parentId: 'om_bot_question',
      rootId: 'om_budget',
    });
    expect((await bot.store.progressNotes()).map((n) => [n.itemId, n.text])).toEqual([
      ['3.1', '初稿已成'],
      ['4.2', '配合完成'],
    ]);
  });

  it('names an admin reporting for the section, and says what it could not place', async () => {
    const admin = bot.config.org.admins.find((a) => a.name === '周婷')!.open_id!;
    const answer = replyText(await bot.ask('本月推进顺利\n3.3：方案已上报\n8.4：无', admin, to('om_budget')));
    expect(answer).toContain('已记录 3.3 进展：方案已上报');
    expect(answer).toContain('（办公室 周婷 代 预算科 填报）');
    expect(answer).toContain('未对应到卡上工作、没有记录：「本月推进顺利」');
    expect(answer).toContain('8.4 不在这张填报卡上');
    expect(await bot.store.progressNotes()).toEqual([
      expect.objectContaining({ itemId: '3.3', section: '预算科', by: '周婷' }),
    ]);
  });

  it('without @, leaves the thread’s chatter alone; with @, a stranger is refused at once', async () => {
    const unaddressed = { ...to('om_budget'), mentionsBot: false };
    await expect(bot.ask('收到！', bot.headOf('预算科'), unaddressed)).rejects.toThrow('silent');
    await expect(bot.ask('', bot.headOf('预算科'), unaddressed)).rejects.toThrow('silent');
    await expect(bot.ask('我们科也会配合', bot.headOf('国资科'), unaddressed)).rejects.toThrow('silent');
    const refused = replyText(await bot.ask('3.1：已完成', bot.headOf('国资科'), unaddressed));
    expect(refused).toMatch(/^抱歉，只有预算科的.*王磊.*吴倩.*或督办管理员可以填报预算科的工作进展。$/);
    expect(replyText(await bot.ask('我们科也会配合', bot.headOf('国资科'), to('om_budget')))).toMatch(
      /^抱歉，只有预算科/,
    );
    expect(replyText(await bot.ask('撤销', bot.headOf('预算科'), to('om_budget')))).toMatch(
      /^进展记录无需撤销/,
    );
    expect(await bot.store.progressNotes()).toEqual([]);
  });

  it('leaves a reply to any other message to the rest of the bot', async () => {
    await bot.ask('8.4：已完成', bot.headOf('监督科'), to('om_something_else'));
    expect(await bot.store.progressNotes()).toEqual([]);
  });
});
