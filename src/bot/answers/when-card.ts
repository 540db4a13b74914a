import type { OccurrenceView } from '../../store/store.js';
import type { Knowledge } from '../../understand/knowledge.js';
import type { PlanItem } from '../../understand/retrieval/plan-items.js';
import { matchingMilestone } from '../../understand/topic-match.js';
import { card, markdown } from '../cards/card.js';
import { dueInLine, EVERY_LABEL, planText, shortDate } from '../cards/format.js';
import { sectionWithHeadName } from '../cards/mention.js';
import type { CommandContext } from '../context.js';
import { occurrenceLines } from '../occurrence-groups.js';
import type { Card } from '../reply.js';

/**
 * "When" answered with the date first: the milestone the question names ("预决算公开检查几号截止"
 * → **9月30日**), or the item's deadline when it names none ("8.4什么时候截止" → **12月31日**),
 * then every other date of the item, recurring ones on one line each.
 */
export async function whenCard(
  ctx: CommandContext,
  knowledge: Knowledge,
  item: PlanItem,
  topic: string,
): Promise<Card> {
  const occurrences = await ctx.deps.store.occurrencesOfItem(item.id);
  const asked = topic ? matchingMilestone(item, topic, knowledge) : undefined;
  const milestone = asked === undefined ? undefined : item.milestones[asked]!;
  const ofAsked = occurrences.filter((o) =>
    asked === undefined ? o.milestone === null : o.milestone === asked + 1,
  );
  const headline = milestone
    ? milestoneHeadline(milestone, ofAsked, ctx)
    : item.deadline
      ? `**${shortDate(item.deadline)}** 整项截止（${dueInLine(item.deadline, ctx.today)}）`
      : '**未注明完成时限**';
  const rest = occurrences.filter((o) => !ofAsked.includes(o));
  const leads = item.leads.map((l) => sectionWithHeadName(l, ctx.config.org)).join('、');
  const elements = [markdown(`${headline}\n牵头：${leads}`)];
  if (rest.length > 0)
    elements.push(
      markdown(`**其他节点**\n${occurrenceLines(rest, ctx.today, { itemIds: false }).join('\n')}`),
    );
  return card(
    `${item.id} ${item.title}`,
    ofAsked.some((o) => o.status === 'overdue') ? 'red' : 'blue',
    elements,
  );
}

function milestoneHeadline(
  milestone: PlanItem['milestones'][number],
  occurrences: OccurrenceView[],
  ctx: CommandContext,
): string {
  if (milestone.every) {
    const next = occurrences.find((o) => o.status === 'open');
    const late = occurrences.filter((o) => o.status === 'overdue').length;
    const when = next ? `，下次 ${shortDate(next.due)}` : '';
    return `**${EVERY_LABEL[milestone.every]}** ${planText(milestone.text)}${when}${late > 0 ? `，已逾期 ${late} 次` : ''}`;
  }
  if (!milestone.due) return `**长期** ${planText(milestone.text)}`;
  const done = occurrences.some((o) => o.status === 'done' || o.status === 'verified');
  return `**${shortDate(milestone.due)}** ${planText(milestone.text)}（${done ? '已完成' : dueInLine(milestone.due, ctx.today)}）`;
}
