import type { Knowledge } from '../../understand/knowledge.js';
import type { PlanItem } from '../../understand/retrieval/plan-items.js';
import { clauseOf, targetsByTopic } from '../../understand/topic-match.js';
import { card, markdown } from '../cards/card.js';
import { planText, shortDate } from '../cards/format.js';
import { sectionWithHeadName } from '../cards/mention.js';
import type { CommandContext } from '../context.js';
import type { Card } from '../reply.js';

/**
 * "How much" answered with the figure first: "**4家** 力争引进意向金融、保险、证券等相关机构4家",
 * the target the question names leading; an item without figures says so and what it asks.
 */
export function howMuchCard(ctx: CommandContext, knowledge: Knowledge, item: PlanItem, topic: string): Card {
  const leads = item.leads.map((l) => sectionWithHeadName(l, ctx.config.org)).join('、');
  const due = item.deadline ? `，${shortDate(item.deadline)}前完成` : '';
  const targets = targetsByTopic(item, topic, knowledge);
  const lines =
    targets.length > 0
      ? targets.map((t) => `**${t.text}** ${planText(clauseOf(item, t), 50)}`)
      : [`这项工作没有量化目标。${planText(item.text, 80)}`];
  return card(`${item.id} ${item.title}`, 'blue', [markdown(`${lines.join('\n')}\n牵头：${leads}${due}`)]);
}
