import type { SectionRole, StoredItem } from '../../store/store.js';
import { listCard } from '../cards/list-card.js';
import { sectionWithHead } from '../cards/mention.js';
import type { Command } from '../command.js';
import { cardReply, textReply } from '../reply.js';
import { sectionInText } from '../section-in-text.js';

const ASKS_FOR_SECTION = /(的任务|的工作|牵头的|牵头任务|负责的|配合的|参与的|tasks)$/;

/** "预算科的任务" (leads and partners), "预算科牵头的" (leads), "预算科配合的" (partners). */
export const bySectionCommand: Command = {
  name: 'by-section',
  summary: '某科室牵头和配合的任务',
  examples: ['预算科的任务', '预算科牵头的', '预算科配合的'],
  match({ text, page }, ctx) {
    if (!ASKS_FOR_SECTION.test(text)) return undefined;
    const section = sectionInText(text, ctx.config.org);
    if (!section) return undefined;
    const roles: SectionRole[] = /牵头|负责/.test(text)
      ? ['lead']
      : /配合|参与/.test(text)
        ? ['partner']
        : ['lead', 'partner'];
    return async () => {
      const groups = [];
      let firstId = '';
      for (const role of roles) {
        const items = await ctx.deps.store.itemsBySection(section, role);
        firstId ||= items[0]?.id ?? '';
        if (items.length > 0)
          groups.push({
            heading: `${role === 'lead' ? '牵头' : '配合'}（${items.length} 项）`,
            lines: items.map(itemLine),
          });
      }
      if (groups.length === 0)
        return textReply(
          `${section} 没有${roles.length === 1 ? (roles[0] === 'lead' ? '牵头的' : '配合的') : ''}任务。`,
        );
      return cardReply(
        listCard({
          title: `${section}的任务`,
          template: 'blue',
          summary: `${sectionWithHead(section, ctx.config.org)}：发任务编号（如 ${firstId}）查看详情。`,
          groups,
          empty: '',
          page,
          query: text,
        }),
      );
    };
  },
};

function itemLine(item: StoredItem): string {
  const others = item.leads.length > 1 ? `（牵头：${item.leads.join('、')}）` : '';
  return `· ${item.id} ${item.title}${others}${item.deadline ? ` — ${item.deadline.slice(5)}` : ''}`;
}
