import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTENTS, type Intent } from '../../../src/understand/intent.js';

/**
 * The evaluation sets: questions in staff's own words, one a line —
 * `question<TAB>intent<TAB>expected<TAB>asker` (see ../questions/README.md).
 */
export interface QuestionCase {
  line: number;
  question: string;
  intent: Intent;
  expected: string;
  /** `staff` (in no section), `admin`, or a section whose head asks. */
  asker: string;
}

export type SetName = 'tuning' | 'held-out';

export function questionFile(set: SetName): string {
  return fileURLToPath(new URL(`../questions/${set}.tsv`, import.meta.url));
}

export function loadQuestionSet(set: SetName): QuestionCase[] {
  const cases: QuestionCase[] = [];
  readFileSync(questionFile(set), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '' || text.startsWith('#')) return;
      const [question, intent, expected, asker] = text.split('\t');
      if (!question || !intent || expected === undefined || !INTENTS.includes(intent as Intent))
        throw new Error(`${set}.tsv:${index + 1}: expected question<TAB>intent<TAB>expected[<TAB>asker]`);
      cases.push({ line: index + 1, question, intent: intent as Intent, expected, asker: asker || 'staff' });
    });
  return cases;
}
