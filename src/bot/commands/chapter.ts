import { card, markdown } from '../cards/card.js';
import type { Command } from '../command.js';
import { cardReply, textReply } from '../reply.js';

/** "第五部分都有啥", "第三章", "债务管理那一章有啥": the chapter's items and who leads each. */
export const chapterCommand: Command = {
  intent: 'chapter',
  summary: '某一章（部分）有哪些任务',
  examples: ['第五部分都有啥', '第三章'],
  async run(ctx, { question, knowledge }) {
    const chapter = ctx.config.plan.chapters.find((c) => c.number === question.chapter);
    if (!chapter) return textReply(`没有第 ${question.chapter ?? '?'} 章。发「进度」看全部章节。`);
    const items = knowledge.index.items.filter((i) => i.chapter === chapter.number);
    const lines = items.map((i) => `· **${i.id}** ${i.title} — 牵头：${i.leads.join('、')}`);
    return cardReply(
      card(`第${chapter.number}章 ${chapter.title}`, 'blue', [
        markdown(
          `共 ${items.length} 项：\n${lines.join('\n')}\n发编号（如 ${items[0]?.id ?? '1.1'}）查看详情。`,
        ),
      ]),
    );
  },
};
