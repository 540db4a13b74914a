/**
 * The 督办台账 workbook: how long building it takes, how big it is, how much memory it costs.
 * Run: `npx tsx bench/ledger-workbook.bench.ts [copies]`.
 *
 * The shipped plan (24 items, 51 occurrences, a sheet per section: 16 in all) as a bureau has it, then the same
 * plan repeated `copies` times (default 10) under new item ids, as a plan far larger than any
 * bureau's. Memory store, half the due work confirmed, as of 2023-09-25.
 */
import { planSyncOf } from '../src/app/plan-sync.js';
import { type LoadedConfig, loadConfig } from '../src/config/load-config.js';
import { expandSections } from '../src/config/sections.js';
import { buildLedgerWorkbook, type LedgerWorkbookInput } from '../src/export/ledger-workbook.js';
import type { Plan } from '../src/plan/types.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';

const COPIES = Number(process.argv[2] ?? 10);
const AS_OF = new Date('2023-09-25T01:00:00Z');
const TZ = 'Asia/Shanghai';
const RUNS = 10;

/** The plan's chapters repeated, chapter numbers shifted so every item id stays unique. */
function repeated(plan: Plan, copies: number): Plan {
  const width = Math.max(...plan.chapters.map((c) => c.number));
  const chapters = Array.from({ length: copies }, (_, copy) =>
    plan.chapters.map((c) => {
      const number = c.number + copy * width;
      return {
        ...c,
        number,
        items: c.items.map((item) => ({ ...item, id: `${number}.${item.id.split('.')[1]}` })),
      };
    }),
  ).flat();
  return { ...plan, chapters };
}

async function measure(label: string, config: LoadedConfig): Promise<void> {
  const store = new MemoryStore({ year: config.plan.year, timeZone: TZ, clock: () => AS_OF });
  await store.syncPlan(planSyncOf(config, 'bench'));
  const due = (await store.allOccurrences()).filter((v) => v.due < '2023-09-25');
  for (const view of due.filter((_, i) => i % 2 === 0))
    for (const section of view.leads) await store.confirm(view.id, section, 'bench', '', 'command');
  const input: LedgerWorkbookInput = {
    plan: config.plan,
    sections: config.org.sections.map((s) => s.name),
    views: await store.allOccurrences(),
    policy: { requireVerify: false },
    progressNotes: [],
    timeZone: TZ,
    expandSections: (names) => expandSections(names, config.org),
    asOf: AS_OF,
  };
  await buildLedgerWorkbook(input); // warm-up: module loading, JIT
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let bytes = 0;
  let heapPeak = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    bytes = (await buildLedgerWorkbook(input)).length;
    times.push(performance.now() - start);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
  }
  times.sort((a, b) => a - b);
  const items = config.plan.chapters.reduce((n, c) => n + c.items.length, 0);
  console.log(
    `${label}: ${items} items, ${input.views.length} occurrences, ${input.sections.length + 1} sheets — ` +
      `median ${times[RUNS >> 1]!.toFixed(0)} ms, max ${times[RUNS - 1]!.toFixed(0)} ms, ` +
      `${(bytes / 1024).toFixed(0)} KB, heap growth ≤ ${(heapPeak / 1024 / 1024).toFixed(1)} MB`,
  );
}

const config = await loadConfig(new URL('../config', import.meta.url).pathname);
await measure('shipped plan', config);
await measure(`plan ×${COPIES}`, { ...config, plan: repeated(config.plan, COPIES) });
