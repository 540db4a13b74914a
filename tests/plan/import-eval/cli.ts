/**
 * `npm run eval:import [-- --verbose <slug>]`: fields right per corpus document (found, leads,
 * partners, deadline per truth task; each importer item matching no task is one error), with totals
 * for the tuning part and the held-out part kept apart. --verbose lists every wrong field of one
 * document. Exits 0 whatever the score: the threshold lives in a test.
 */
import { loadCorpus } from './corpus.js';
import { type DocumentResult, evaluateDocument } from './run.js';

const verboseAt = process.argv.indexOf('--verbose');
const verbose = verboseAt >= 0 ? process.argv[verboseAt + 1] : undefined;
const corpus = loadCorpus();
if (verbose !== undefined && !corpus.some((d) => d.slug === verbose)) {
  console.error(`--verbose: no document "${verbose}"; one of: ${corpus.map((d) => d.slug).join(', ')}`);
  process.exit(2);
}

const results: DocumentResult[] = [];
for (const document of corpus) results.push(await evaluateDocument(document));

console.log(`${'document'.padEnd(26)} ${'part'.padEnd(8)} tasks  right/total      %`);
for (const part of [false, true]) {
  const rows = results.filter((r) => r.document.heldOut === part);
  for (const r of rows)
    console.log(row(r.document.slug, part, r.score.tasks, r.score.right, r.score.total, r.failure));
  const sum = (pick: (r: DocumentResult) => number) => rows.reduce((n, r) => n + pick(r), 0);
  console.log(
    row(
      `TOTAL ${part ? 'held-out' : 'tuning'}`,
      part,
      sum((r) => r.score.tasks),
      sum((r) => r.score.right),
      sum((r) => r.score.total),
    ),
  );
  console.log('');
}

if (verbose !== undefined) printMisses(results.find((r) => r.document.slug === verbose)!);

function row(
  name: string,
  heldOut: boolean,
  tasks: number,
  right: number,
  total: number,
  failure?: string,
): string {
  const pct = total === 0 ? '—' : `${((right / total) * 100).toFixed(1)}%`;
  const note = failure ? `  refused: ${failure.slice(0, 90)}` : '';
  return `${name.padEnd(26)} ${(heldOut ? 'held-out' : 'tuning').padEnd(8)} ${String(tasks).padStart(5)}  ${`${right}/${total}`.padStart(11)} ${pct.padStart(6)}${note}`;
}

function printMisses(result: DocumentResult): void {
  const { document, score, failure } = result;
  console.log(`== ${document.slug} (${document.path})`);
  if (failure) console.log(`  the importer refused it: ${failure}`);
  for (const m of score.misses)
    console.log(
      `  ${m.ref.padEnd(5)} ${m.field.padEnd(8)} ${m.title}\n        expected ${m.expected}\n        got      ${m.got}`,
    );
  for (const extra of score.extraItems) console.log(`  extra item (matches no task): ${extra}`);
  if (result.warnings > 0) console.log(`  importer warnings: ${result.warnings}`);
}
