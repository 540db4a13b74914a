import type { LoadedConfig } from '../../../src/config/load-config.js';
import type { Intent } from '../../../src/understand/intent.js';
import { type Understanding, understand } from '../../../src/understand/understand.js';
import type { QuestionCase } from './question-set.js';

/** The reference plan's day for every evaluation: Monday 2023-09-25 10:00 in Shanghai. */
export const EVAL_TODAY = '2023-09-25';

export interface Outcome {
  case: QuestionCase;
  right: boolean;
  /** What duban made of it, in the expected column's terms. */
  got: { intent: Intent; target: string; confidence: string };
}

export interface Report {
  outcomes: Outcome[];
  right: number;
  total: number;
  byIntent: Map<Intent, { right: number; total: number }>;
}

export function evaluate(cases: QuestionCase[], config: LoadedConfig): Report {
  const outcomes = cases.map((c) => judge(c, understand(c.question, { config, today: EVAL_TODAY }), config));
  const byIntent = new Map<Intent, { right: number; total: number }>();
  for (const o of outcomes) {
    const tally = byIntent.get(o.case.intent) ?? { right: 0, total: 0 };
    tally.total++;
    if (o.right) tally.right++;
    byIntent.set(o.case.intent, tally);
  }
  const right = outcomes.filter((o) => o.right).length;
  return { outcomes, right, total: outcomes.length, byIntent };
}

function judge(c: QuestionCase, u: Understanding, config: LoadedConfig): Outcome {
  const target = targetOf(u, askerSections(c.asker, config));
  const got = { intent: u.question.intent, target, confidence: u.ranking.confidence };
  return { case: c, right: got.intent === c.intent && matches(c.expected, target), got };
}

/**
 * What the answer is about, written like the expected column: an item id (the one answered, for
 * an item by number or a ranking of middle confidence or better), a section (with :lead or
 * :partner when only one side was asked), chN, a window label, all, or -.
 */
function targetOf(u: Understanding, asker: string[]): string {
  const q = u.question;
  if (q.itemRef) return q.itemRef;
  const best = u.ranking.hits[0];
  if (best && (u.ranking.confidence === 'high' || u.ranking.confidence === 'middle')) return best.item.id;
  if (q.period && q.intent === 'due-window') return q.period.label;
  const section = q.section ?? (q.mine ? asker[0] : undefined);
  if (section) return q.role ? `${section}:${q.role}` : section;
  if (q.mine) return 'mine';
  if (q.chapter !== undefined) return `ch${q.chapter}`;
  if (['progress', 'overdue'].includes(q.intent)) return 'all';
  return '-';
}

/** "3.2|3.1" accepts either; "预算科" accepts any role, "预算科:lead" only that one. */
function matches(expected: string, target: string): boolean {
  return expected.split('|').some((e) => e === target || (!e.includes(':') && target.startsWith(`${e}:`)));
}

function askerSections(asker: string, config: LoadedConfig): string[] {
  return config.sections.includes(asker) ? [asker] : [];
}
