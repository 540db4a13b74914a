/**
 * Understanding benchmark: parse + retrieve (understand()) per question, and building the index,
 * on the reference plan (24 items) and on a 5,000-item synthetic plan made of the reference
 * plan's own phrases. Questions: the tuning set (315 questions in staff's words), asked round
 * after round. Run: `npx tsx bench/understand.bench.ts`.
 *
 * Targets (issue 11): parse + retrieve p99 < 5 ms (reference) and < 20 ms (5,000 items);
 * index build at start or reload < 300 ms.
 */
import { type LoadedConfig, loadConfig } from '../src/config/load-config.js';
import { buildKnowledge, knowledgeOf } from '../src/understand/knowledge.js';
import { understand } from '../src/understand/understand.js';
import { CONFIG_DIR } from '../tests/helpers/bot-harness.js';
import { loadQuestionSet } from '../tests/understand/eval/question-set.js';
import { syntheticPlan } from './store/synthetic.js';

const ROUNDS = Number(process.argv[2] ?? 20);
const BUILDS = 7;
const TODAY = '2023-09-25';

const reference = await loadConfig(CONFIG_DIR);
const synthetic: LoadedConfig = {
  ...reference,
  plan: syntheticPlan(reference.plan, { items: 5000, itemsPerChapter: 50, window: 50, overdue: 50, seed: 7 }),
  version: 'bench-synthetic-5000',
};
const questions = loadQuestionSet('tuning').map((c) => c.question);

console.log(`node ${process.version}, ${questions.length} questions × ${ROUNDS} rounds per plan\n`);
console.log('| plan | items | index build median / max | parse+retrieve p50 | p99 | max |');
console.log('|---|---|---|---|---|---|');
for (const [name, config] of [
  ['reference', reference],
  ['synthetic', synthetic],
] as const) {
  const builds = [];
  for (let i = 0; i < BUILDS; i++) {
    const started = performance.now();
    buildKnowledge({ ...config, version: `${config.version}-${i}` });
    builds.push(performance.now() - started);
  }
  knowledgeOf(config); // the cached index the questions use
  for (const q of questions) understand(q, { config, today: TODAY }); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const q of questions) {
      const started = performance.now();
      understand(q, { config, today: TODAY });
      times.push(performance.now() - started);
    }
  const items = config.plan.chapters.reduce((n, c) => n + c.items.length, 0);
  console.log(
    `| ${name} | ${items} | ${ms(quantile(builds, 0.5))} / ${ms(Math.max(...builds))} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.99))} | ${ms(Math.max(...times))} |`,
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function ms(value: number): string {
  return `${value.toFixed(value < 1 ? 3 : 1)} ms`;
}
