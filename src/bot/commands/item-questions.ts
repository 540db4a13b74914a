import type { Intent } from '../../understand/intent.js';
import type { Understanding } from '../../understand/understand.js';
import { sectionWorkReply } from '../answers/section-work-card.js';
import type { Command, CommandInput } from '../command.js';
import type { CommandContext } from '../context.js';
import { answerAboutItem } from '../item-answer.js';
import { chooseItem, withOthers } from '../item-choice.js';
import { cardReply, type Reply } from '../reply.js';

/**
 * The questions about one item — who leads it, when it is due, its figures, what it says, how it
 * stands — share one path: choose the item (by number, or ranked by its words), then draw the
 * answer that fits the question, offering close alternatives as buttons.
 */
function itemQuestion(intent: Intent, summary: string, examples: string[]): Command {
  return { intent, summary, examples, run: (ctx, understood, input) => answerItem(ctx, understood, input) };
}

async function answerItem(
  ctx: CommandContext,
  understood: Understanding,
  input: CommandInput,
): Promise<Reply> {
  const { question, knowledge } = understood;
  // "债务那块谁管", "金融中心谁负责": the area is a section; the answer is that section's work.
  if (question.intent === 'who-leads' && question.section && !question.topic && !question.itemRef)
    return sectionWorkReply(ctx, knowledge, question.section, ['lead', 'partner'], {
      page: input.page,
      query: input.text,
    });
  const choice = chooseItem(understood, input.text);
  if (choice.kind === 'reply') return choice.reply;
  // The figure asked for ("几个项目") picks among an item's targets as much as the topic does.
  const words = question.measure ? `${question.topic} ${question.measure}` : question.topic;
  const answer = await answerAboutItem(ctx, knowledge, question.intent, choice.item, words);
  return cardReply(withOthers(answer, choice.others, question.intent, question.topic));
}

export const whoLeadsCommand = itemQuestion('who-leads', '某项工作谁牵头、谁配合', [
  '政金企 谁牵头',
  '驻村第一书记归哪个科管',
  '债务那块谁管',
  'who leads 政金企',
]);

export const whenDueCommand = itemQuestion('when-due', '什么时候截止，先答问到的节点', [
  '8.4 什么时候截止',
  '预决算公开检查几号截止',
  '政金企多久搞一次',
]);

export const howMuchCommand = itemQuestion('how-much', '目标、指标是多少', [
  '金融招商今年目标多少',
  '8.4 要抽几个项目',
]);

export const itemDetailCommand = itemQuestion('item-detail', '按编号或关键词查看一项任务', [
  '8.4',
  '任务 八（四）',
  '第八章第四项',
  '只增不减是什么意思',
]);

export const itemStatusCommand = itemQuestion('item-status', '某项工作完成了没有、逾期没有', [
  '8.4 完成了吗',
  '7.1 逾期没',
]);
