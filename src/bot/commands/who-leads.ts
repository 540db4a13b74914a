import { echo, escapeCardText, escapeMessageText } from '../../text/user-text.js';
import { card, markdown } from '../cards/card.js';
import type { Command } from '../command.js';
import type { CommandContext } from '../context.js';
import { findItems, isClearWinner, suggestItems } from '../find-items.js';
import { itemAnswerCard } from '../item-answer.js';
import { cardReply, type Reply, textReply } from '../reply.js';

/** The ways people ask who owns something; stripped to leave the keywords. */
const ASKING =
  /谁牵头|谁负责|谁来负责|谁来做|谁在做|谁管|由谁|是谁|哪个科室|哪个部门|哪个单位|哪些科室|牵头科室|牵头单位|负责科室|什么时候|何时|截止|到期时间|时限|who\s+(leads|owns)|who\s+is\s+(in\s+charge|responsible)/g;
const FILLER = /负责的?|牵头的?|是|的|吗|呢|了|一下|请问|帮我查|查一下|工作|任务|事项|\bfor\b|\bof\b/g;

/** "政金企 谁牵头", "谁负责预决算公开检查", "who leads 政金企": the item, its owners and what is next. */
export const whoLeadsCommand: Command = {
  name: 'who-leads',
  summary: '问某项工作谁牵头、何时完成',
  examples: ['政金企 谁牵头', '谁负责预决算公开检查', '代理记账机构检查是哪个科室负责', 'who leads 政金企'],
  match({ text }, ctx) {
    if (text.search(ASKING) < 0) return undefined;
    const words = keywordsOf(text);
    return () => answerWithItems(ctx, words, text);
  },
};

export function keywordsOf(text: string): string[] {
  return text
    .replace(ASKING, ' ')
    .replace(FILLER, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** One clear item → its card; several close ones → the top 3 to choose from; none → say so. */
export async function answerWithItems(ctx: CommandContext, words: string[], asked: string): Promise<Reply> {
  if (words.length === 0) return textReply('想问哪项工作？例如：「政金企 谁牵头」或「8.4」。');
  const { hits } = await findItems(ctx.deps.store, words);
  if (hits.length === 0) {
    const near = await suggestItems(ctx.deps.store, words);
    const maybe =
      near.length > 0 ? `是不是想问：${near.map((i) => `${i.id} ${i.title}`).join('；')}？发编号查看。` : '';
    return textReply(
      `没有找到与「${escapeMessageText(echo(words.join(' ')))}」相关的任务。${maybe || '可以换个说法或缩短关键词，例如「政金企 谁牵头」；也可以发「预算科的任务」或「进度」浏览。'}`,
    );
  }
  if (isClearWinner(hits)) return cardReply(await itemAnswerCard(ctx, hits[0]!.item));
  const options = hits
    .slice(0, 3)
    .map((h) => `· **${h.item.id}** ${h.item.title}（牵头：${h.item.leads.join('、')}）`);
  return cardReply(
    card('找到多项任务', 'orange', [
      markdown(`「${escapeCardText(echo(asked))}」对应多项任务，请发编号查看：\n${options.join('\n')}`),
    ]),
  );
}
