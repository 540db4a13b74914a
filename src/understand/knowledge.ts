import type { LoadedConfig } from '../config/load-config.js';
import { NO_SYNONYMS } from '../config/synonyms-schema.js';
import type { Chapter } from '../plan/types.js';
import { buildPlanIndex, type PlanIndex } from './retrieval/plan-index.js';
import { planItems } from './retrieval/plan-items.js';
import { type SectionLexicon, sectionLexicon } from './section-lexicon.js';

/**
 * Everything understanding needs from the config, derived once per config version: the plan's
 * search index, the section lexicon and the synonyms. Every replica holds the plan in memory, so
 * a question costs no store round trip to find its item.
 */
export interface Knowledge {
  version: string;
  index: PlanIndex;
  lexicon: SectionLexicon;
  synonyms: Readonly<Record<string, readonly string[]>>;
  chapters: Pick<Chapter, 'number' | 'title'>[];
}

/**
 * Derived data of an immutable config, so a process-wide cache is safe: keyed by version (and the
 * plan object, for configs built by hand in tests and benches), holding the current and the
 * previous version so a reload in flight does not rebuild twice.
 */
const cache = new Map<string, { plan: LoadedConfig['plan']; knowledge: Knowledge }>();
const KEEP = 2;

export function knowledgeOf(config: LoadedConfig): Knowledge {
  const cached = cache.get(config.version);
  if (cached && cached.plan === config.plan) return cached.knowledge;
  const knowledge = buildKnowledge(config);
  cache.set(config.version, { plan: config.plan, knowledge });
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return knowledge;
}

export function buildKnowledge(config: LoadedConfig): Knowledge {
  const synonyms = config.synonyms ?? NO_SYNONYMS;
  return {
    version: config.version,
    index: buildPlanIndex(planItems(config.plan, config.org)),
    lexicon: sectionLexicon(config.org, synonyms),
    synonyms: synonyms.terms,
    chapters: config.plan.chapters.map(({ number, title }) => ({ number, title })),
  };
}
