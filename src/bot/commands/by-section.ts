import type { SectionRole } from '../../understand/intent.js';
import { sectionWorkReply } from '../answers/section-work-card.js';
import type { Command } from '../command.js';
import { textReply } from '../reply.js';

/** "国库科都有啥活" (leads and partners), "预算科牵头的" (leads), "预算科配合的" (partners). */
export const bySectionCommand: Command = {
  intent: 'section-work',
  summary: '某科室牵头和配合的任务',
  examples: ['预算科的任务', '国库科都有啥活', '预算科牵头的', '预算科配合的'],
  async run(ctx, { question, knowledge }, input) {
    const section = question.section ?? (question.mine ? ctx.senderSections[0] : undefined);
    if (!section) return textReply('想看哪个科室的任务？例如「预算科的任务」「金融中心牵头的」。');
    const roles: SectionRole[] = question.role ? [question.role] : ['lead', 'partner'];
    return sectionWorkReply(ctx, knowledge, section, roles, { page: input.page, query: input.text });
  },
};
