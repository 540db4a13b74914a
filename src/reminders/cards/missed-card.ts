import { card, markdown } from '../../bot/cards/card.js';
import { dueIn, planText, replyPhrase, shortDate } from '../../bot/cards/format.js';
import { sectionWithHead } from '../../bot/cards/mention.js';
import type { Card } from '../../bot/reply.js';
import type { Org } from '../../config/org-schema.js';
import type { LocalDate } from '../../plan/types.js';
import type { OccurrenceView } from '../../store/store.js';
import type { Stage } from '../stage.js';

export interface MissedCardInput {
  bySection: { section: string; items: { occurrence: OccurrenceView; stage: Stage }[] }[];
  today: LocalDate;
  org: Org;
  /** reminders.yaml group_messages: whether a reply without @ reaches the bot. */
  groupMessages?: boolean;
}

/**
 * After duban was down longer than the catch-up window: one card to the main chat listing the
 * reminders that were due while it was offline and are still owed, by section, heads @-mentioned.
 */
export function missedCard(input: MissedCardInput): Card {
  const count = input.bySection.reduce((n, g) => n + g.items.length, 0);
  const blocks = input.bySection.map(({ section, items }) => {
    const lines = items.map(
      ({ occurrence: o, stage }) =>
        `· ${o.itemId} ${planText(o.milestone === null ? `${o.title}（完成时限）` : o.text, 44)} — 原定 ${shortDate(stage.day)} 提醒，${dueIn(o.due, input.today)}`,
    );
    return markdown(`**${sectionWithHead(section, input.org, { deputies: true })}**\n${lines.join('\n')}`);
  });
  return card(`督办补发 · 离线期间未发出的提醒（${count} 项）`, 'orange', [
    markdown('督办机器人离线期间，以下提醒未能按时发出，现一并补发：'),
    ...blocks,
    markdown(
      `完成后${replyPhrase(input.groupMessages ?? false, '完成 任务编号')}，或「全部完成」确认你所在科室的全部节点。`,
    ),
  ]);
}
