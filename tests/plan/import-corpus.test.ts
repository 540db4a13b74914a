import { describe, expect, it } from 'vitest';
import { loadCorpus } from './import-eval/corpus.js';
import { evaluateDocument } from './import-eval/run.js';

/**
 * The importer against the hand-written truth of real documents (tests/fixtures/import-corpus):
 * the tuning part must stay at or above 95% of fields right. The held-out documents are scored by
 * `npm run eval:import` and reported apart; they are not a gate, so no change is tuned to them.
 */
describe('the import corpus', () => {
  const tuning = loadCorpus().filter((d) => !d.heldOut);

  it('has documents of several layouts to hold the importer to', () => {
    expect(tuning.length).toBeGreaterThanOrEqual(10);
  });

  it('imports the tuning documents with at least 95% of fields right, refusing none', async () => {
    const results = await Promise.all(tuning.map(evaluateDocument));
    expect(results.filter((r) => r.failure).map((r) => `${r.document.slug}: ${r.failure}`)).toEqual([]);
    const right = results.reduce((n, r) => n + r.score.right, 0);
    const total = results.reduce((n, r) => n + r.score.total, 0);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  });
});
