import { parseItemRef } from '../../plan/item-ref.js';
import type { Command } from '../command.js';
import { itemAnswerCard } from '../item-answer.js';
import { cardReply, textReply } from '../reply.js';

/** "8.4", "任务 八（四）", "第八章第四项": one item in full. */
export const itemDetailCommand: Command = {
  name: 'item',
  summary: '按编号查看一项任务',
  examples: ['8.4', '任务 八（四）', '第八章第四项'],
  match({ text }, ctx) {
    const ref = parseItemRef(text.replace(/^(任务|事项|查看|查询|item)\s*/, ''));
    if (!ref) return undefined;
    return async () => {
      const item = await ctx.deps.store.item(ref);
      if (!item) return textReply(`没有编号为 ${ref} 的任务。发送「进度」可以看到全部章节。`);
      return cardReply(await itemAnswerCard(ctx, item));
    };
  },
};
