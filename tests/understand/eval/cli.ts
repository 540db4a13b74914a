/**
 * `npm run eval:questions [-- --set tuning|held-out]`: accuracy per intent and every miss, for the
 * tuning set and the held-out set separately, on the reference plan at 2023-09-25.
 */
import { loadConfig } from '../../../src/config/load-config.js';
import { CONFIG_DIR } from '../../helpers/bot-harness.js';
import { evaluate, type Report } from './evaluate.js';
import { loadQuestionSet, type SetName } from './question-set.js';

const only = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
const sets: SetName[] = only === 'tuning' || only === 'held-out' ? [only] : ['tuning', 'held-out'];
const config = await loadConfig(CONFIG_DIR);
for (const set of sets) print(set, evaluate(loadQuestionSet(set), config));

function print(set: SetName, report: Report): void {
  console.log(`\n== ${set}: ${report.right}/${report.total} right (${percent(report.right, report.total)})`);
  for (const [intent, t] of [...report.byIntent].sort((a, b) => b[1].total - a[1].total))
    console.log(
      `  ${intent.padEnd(13)} ${String(t.right).padStart(3)}/${String(t.total).padEnd(3)} ${percent(t.right, t.total)}`,
    );
  const misses = report.outcomes.filter((o) => !o.right);
  if (misses.length > 0) console.log(`  misses (${misses.length}):`);
  for (const o of misses)
    console.log(
      `    ${set}.tsv:${o.case.line}  ${o.case.question}  — expected ${o.case.intent} ${o.case.expected}, got ${o.got.intent} ${o.got.target} (${o.got.confidence})`,
    );
}

function percent(right: number, total: number): string {
  return total === 0 ? '—' : `${((right / total) * 100).toFixed(1)}%`;
}
