import type { SectionRole } from '../../understand/intent.js';
import type { Knowledge } from '../../understand/knowledge.js';
import type { PlanItem } from '../../understand/retrieval/plan-items.js';
import { planText } from '../cards/format.js';
import { listCard } from '../cards/list-card.js';
import { sectionWithHeadName } from '../cards/mention.js';
import type { CommandContext } from '../context.js';
import { cardReply, type Reply, textReply } from '../reply.js';

/**
 * A section's work from the plan in memory: what it leads (with any co-lead named) and what it
 * helps with. "国库科都有啥活", "债务那块谁管" and "国资科牵头的有几项" all read this, the counts
 * in the first line.
 */
export function sectionWorkReply(
  ctx: CommandContext,
  knowledge: Knowledge,
  section: string,
  roles: SectionRole[],
  list: { page: number; query: string },
): Reply {
  const items = knowledge.index.items;
  // Work the section leads alone first, then what it leads with another: "5.1, 5.2; 4.2 with 预算科".
  const leads = items
    .filter((i) => i.leadSections.includes(section))
    .sort((a, b) => Number(a.leadSections.length > 1) - Number(b.leadSections.length > 1));
  const partners = items.filter(
    (i) => i.partnerSections.includes(section) && !i.leadSections.includes(section),
  );
  const groups = [];
  if (roles.includes('lead') && leads.length > 0)
    groups.push({ heading: `牵头（${leads.length} 项）`, lines: leads.map((i) => itemLine(i, section)) });
  if (roles.includes('partner') && partners.length > 0)
    groups.push({
      heading: `配合（${partners.length} 项）`,
      lines: partners.map((i) => itemLine(i, section)),
    });
  if (groups.length === 0) {
    const which = roles.length === 1 ? (roles[0] === 'lead' ? '牵头的' : '配合的') : '';
    return textReply(`${section} 没有${which}任务。`);
  }
  const counts = [
    roles.includes('lead') ? `牵头 ${leads.length} 项` : '',
    roles.includes('partner') ? `配合 ${partners.length} 项` : '',
  ].filter(Boolean);
  const example = (leads[0] ?? partners[0])!.id;
  return cardReply(
    listCard({
      title: `${section}的任务`,
      template: 'blue',
      summary: `**${sectionWithHeadName(section, ctx.config.org)}**：${counts.join('，')}。发任务编号（如 ${example}）查看详情。`,
      groups,
      empty: '',
      page: list.page,
      query: list.query,
    }),
  );
}

function itemLine(item: PlanItem, section: string): string {
  const coLeads = item.leadSections.filter((s) => s !== section);
  const others = item.leads.length > 1 && coLeads.length > 0 ? `（牵头：${item.leads.join('、')}）` : '';
  return `· ${item.id} ${planText(item.title)}${others}${item.deadline ? ` — ${item.deadline.slice(5)}` : ''}`;
}
