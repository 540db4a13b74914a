import type { OccurrenceView } from '../store/store.js';
import type { DueStages } from './select.js';
import type { Stage } from './stage.js';

/**
 * One reminder to one audience about one occurrence at one stage: the unit that is claimed, so
 * that it goes out once across replicas, restarts and catch-ups.
 */
export interface Delivery {
  /** The claim key: occurrence, section, stage, stage day (and audience). */
  key: string;
  occurrence: OccurrenceView;
  section: string;
  stage: Stage;
  /** The section's own chat, or the leadership chat for an escalation. */
  audience: 'section' | 'leadership';
}

export interface PlannedDeliveries {
  deliveries: Delivery[];
  /**
   * Keys of older stages in the window that the latest stage replaces (after downtime a section
   * gets today's T-0, not yesterday's T-1 as well); marked sent once the latest goes out.
   */
  superseded: Map<string, string[]>;
}

/**
 * Who gets what: each lead section that has not confirmed gets the latest stage in the window;
 * an escalation in the window also goes to the leadership chat (when there is one). A section
 * that confirmed gets nothing more, whatever the other lead sections do.
 */
export function planDeliveries(due: DueStages[], options: { leadershipChat: boolean }): PlannedDeliveries {
  const deliveries: Delivery[] = [];
  const superseded = new Map<string, string[]>();
  for (const { occurrence, stages } of due) {
    const latest = stages[stages.length - 1];
    if (!latest) continue;
    for (const section of occurrence.leads) {
      if (occurrence.confirmations.some((c) => c.section === section)) continue;
      const key = claimKey(occurrence.id, section, latest, 'section');
      deliveries.push({ key, occurrence, section, stage: latest, audience: 'section' });
      const older = stages.slice(0, -1).map((s) => claimKey(occurrence.id, section, s, 'section'));
      if (older.length > 0) superseded.set(key, older);
      const escalation = stages.find((s) => s.kind === 'escalation');
      if (escalation && options.leadershipChat)
        deliveries.push({
          key: claimKey(occurrence.id, section, escalation, 'leadership'),
          occurrence,
          section,
          stage: escalation,
          audience: 'leadership',
        });
    }
  }
  return { deliveries, superseded };
}

export function claimKey(
  occurrenceId: string,
  section: string,
  stage: Pick<Stage, 'key' | 'day'>,
  audience: Delivery['audience'],
): string {
  const base = `${occurrenceId}|${section}|${stage.key}|${stage.day}`;
  return audience === 'leadership' ? `${base}|leadership` : base;
}
