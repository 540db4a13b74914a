import { choiceCard } from '../bot/cards/choice-card.js';
import { reminderCard } from '../bot/cards/reminder-card.js';
import { verifyCard } from '../bot/cards/verify-card.js';
import type { BotDeps } from '../bot/context.js';
import type { Card, LiveCard } from '../bot/reply.js';
import { escalationCard } from '../reminders/cards/escalation-card.js';
import { escalateAfter } from '../reminders/rules.js';
import { localDateAt } from '../store/local-date.js';
import type { OccurrenceView } from '../store/store.js';

/**
 * A card the bot sent, drawn again from the ledger as it stands: the same functions drew it the
 * first time, so a redraw differs only by what changed. Undefined when none of its occurrences is
 * left in the plan (the card then stays as it was).
 */
export async function drawLiveCard(deps: BotDeps, live: LiveCard): Promise<Card | undefined> {
  const config = deps.config();
  const { timezone: timeZone, group_messages: groupMessages } = config.reminders;
  const today = localDateAt(deps.clock(), timeZone);
  const views = await Promise.all(live.occurrenceIds.map((id) => deps.store.occurrence(id)));
  const occurrences = views.filter((o): o is OccurrenceView => o !== null);
  if (occurrences.length === 0) return undefined;
  const escalateAfterWorkdays = escalateAfter(config.reminders);
  const org = config.org;
  if (live.view === 'reminder')
    return reminderCard({
      section: live.section,
      occurrences,
      today,
      timeZone,
      org,
      escalateAfterWorkdays,
      groupMessages,
    });
  if (live.view === 'verify') return verifyCard({ occurrences, timeZone, org });
  if (live.view === 'which')
    return choiceCard({
      purpose: 'which',
      occurrences,
      section: live.section,
      note: live.note ?? '',
      today,
      groupMessages,
    });
  // The leadership's escalation, by lead section in org order, as compose groups it.
  const bySection = config.sections
    .map((section) => ({ section, occurrences: occurrences.filter((o) => o.leads.includes(section)) }))
    .filter((g) => g.occurrences.length > 0);
  return escalationCard({ bySection, today, org, escalateAfterWorkdays });
}
