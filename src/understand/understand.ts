import type { LoadedConfig } from '../config/load-config.js';
import type { LocalDate } from '../plan/types.js';
import { ITEM_INTENTS, type Question } from './intent.js';
import { type Knowledge, knowledgeOf } from './knowledge.js';
import { parseQuestion } from './parse-question.js';
import type { PlanItem } from './retrieval/plan-items.js';
import { buildQuery } from './retrieval/query.js';
import { type Ranking, rankItems } from './retrieval/rank.js';
import { rerankForTargets } from './retrieval/target-context.js';
import { termsOf } from './retrieval/terms.js';

/**
 * A message understood: what it asks, and for item questions the items that fit, ranked, with
 * how sure the ranking is. An item asked for by number is certain.
 */
export interface Understanding {
  question: Question;
  ranking: Ranking;
  /** An item number that is not in the plan ("11.1"). */
  missingItem?: string;
  knowledge: Knowledge;
}

export interface UnderstandContext {
  config: LoadedConfig;
  today: LocalDate;
}

/** Items kept from a ranking: the answer and the two offered beside it, with room to spare. */
const SHOWN = 5;
const NOTHING: Ranking = { hits: [], confidence: 'none' };
/** Items the section a question names leads (or helps with) rank higher: "监督科那个检查". */
const LEAD_BOOST = 2;
const PARTNER_BOOST = 1.3;

export function understand(raw: string, ctx: UnderstandContext): Understanding {
  const knowledge = knowledgeOf(ctx.config);
  const { index } = knowledge;
  const question = parseQuestion(raw, {
    lexicon: knowledge.lexicon,
    itemExists: (id) => index.byId.has(id),
    today: ctx.today,
  });
  const done = (ranking: Ranking, missingItem?: string): Understanding => ({
    question,
    ranking,
    knowledge,
    ...(missingItem ? { missingItem } : {}),
  });
  if (question.chapterByWords) {
    const chapter = chapterByWords(question.topic, knowledge);
    if (chapter === undefined) question.intent = 'unknown';
    else question.chapter = chapter;
    return done(NOTHING);
  }
  const aboutItem =
    ITEM_INTENTS.has(question.intent) || ['confirm', 'undo', 'verify', 'send-back'].includes(question.intent);
  if (!aboutItem) return done(NOTHING);
  if (question.itemRef) {
    const item = index.byId.get(question.itemRef);
    return item
      ? done({ hits: [{ item, score: 1, coverage: 1 }], confidence: 'high' })
      : done(NOTHING, question.itemRef);
  }
  if (question.ambiguousSection) {
    // "债务那块谁管" means the section; "政府采购 谁管" the one task those words name.
    const { section, word } = question.ambiguousSection;
    const ranking = rank(word, question, knowledge);
    // Only a task whose very title holds the words: "国库" deep in 8.4's text is still 国库科.
    if (ranking.confidence === 'high' && ranking.hits[0]!.item.title.includes(word)) return done(ranking);
    question.section = section;
    question.sectionSource = 'abbreviation';
    return done(NOTHING);
  }
  if (!question.topic) return done(NOTHING);
  const ranking = rank(question.topic, question, knowledge);
  // Chatter ("今天天气怎么样", "收到") asks nothing of the plan: no weak match becomes an answer.
  const weakCue = question.intent === 'item-detail' || question.intent === 'item-status';
  if (weakCue && (ranking.confidence === 'none' || ranking.confidence === 'low')) question.intent = 'unknown';
  return done(ranking);
}

function rank(topic: string, question: Question, knowledge: Knowledge): Ranking {
  const groups = buildQuery(topic, knowledge.index, knowledge.synonyms);
  const section = question.section;
  const boost = section
    ? (item: PlanItem) =>
        item.leadSections.includes(section)
          ? LEAD_BOOST
          : item.partnerSections.includes(section)
            ? PARTNER_BOOST
            : 1
    : undefined;
  if (question.intent !== 'how-much') return rankItems(knowledge.index, groups, SHOWN, boost);
  return rerankForTargets(rankItems(knowledge.index, groups, SHOWN * 2, boost), groups, SHOWN);
}

/** "债务管理那一章" → 5: the chapter whose title shares most of the words (half at least). */
function chapterByWords(topic: string, knowledge: Knowledge): number | undefined {
  const asked = new Set(termsOf(topic));
  if (asked.size === 0) return undefined;
  let best: { number: number; share: number } | undefined;
  for (const chapter of knowledge.chapters) {
    const title = new Set(termsOf(chapter.title));
    const share = [...asked].filter((t) => title.has(t)).length / asked.size;
    if (!best || share > best.share) best = { number: chapter.number, share };
  }
  return best && best.share >= 0.5 ? best.number : undefined;
}
