import { readPlanDocument } from '../../../src/cli/read-document.js';
import { importPlan } from '../../../src/plan/importer.js';
import type { CorpusDocument } from './corpus.js';
import { type DocumentScore, scoreDocument } from './score.js';

export interface DocumentResult {
  document: CorpusDocument;
  score: DocumentScore;
  /** Set when the importer refused the document: every task then counts as not found. */
  failure?: string;
  warnings: number;
}

/** Reads and imports one corpus document with the real importer (truth's year given) and scores it. */
export async function evaluateDocument(document: CorpusDocument): Promise<DocumentResult> {
  try {
    const text = await readPlanDocument(document.path);
    const { plan, warnings } = importPlan(text, { year: document.year });
    const items = plan.chapters.flatMap((chapter) => chapter.items);
    return { document, score: scoreDocument(document.tasks, items), warnings: warnings.length };
  } catch (error) {
    return {
      document,
      score: scoreDocument(document.tasks, []),
      failure: (error as Error).message,
      warnings: 0,
    };
  }
}
