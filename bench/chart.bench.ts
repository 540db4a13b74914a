/**
 * Progress chart benchmark: the shipped plan (config/), its sections and chapters on 2023-09-25 with
 * three in four units due before then confirmed, drawn as the weekly digest draws it. Run:
 * `node --expose-gc --import tsx bench/chart.bench.ts [runs]` (default 30).
 *
 * Measured, in one fresh process:
 * - the first chart (loads fontkit and resvg, reads and parses the font, outlines every glyph
 *   for the first time);
 * - then 10 charts a second apart, and `runs` back to back (one per event-loop turn): median,
 *   p90 and max time of those;
 * - memory: RSS and V8 heap before the renderer exists (after GC), after the first chart, the
 *   highest RSS in each series (no forced GC), and RSS and heap after the runs (after GC);
 * - for comparison, the same chart with resvg laying out its own `<text>` elements from the same
 *   font file (the way not taken: resvg reads the font file again for every text element).
 * Targets: < 300 ms a chart, < 50 MB extra memory.
 */
import { loadavg } from 'node:os';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { planSyncOf } from '../src/app/plan-sync.js';
import { findCjkFont } from '../src/chart/chart-font.js';
import { ChartRenderer } from '../src/chart/chart-renderer.js';
import type { TextSetter } from '../src/chart/glyph-text.js';
import { planProgressChart } from '../src/chart/plan-progress.js';
import { progressChartSvg } from '../src/chart/progress-chart.js';
import { loadConfig } from '../src/config/load-config.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';

const RUNS = Number(process.argv[2] ?? 30);
const TODAY = '2023-09-25';
const MB = 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc --import tsx bench/chart.bench.ts');
  process.exit(2);
}

async function chartInput() {
  const config = await loadConfig('config');
  const now = new Date(`${TODAY}T01:00:00Z`);
  const store = new MemoryStore({
    year: config.plan.year,
    clock: () => now,
    timeZone: config.reminders.timezone,
  });
  await store.syncPlan(planSyncOf(config, 'bench'));
  let n = 0;
  for (const o of await store.allOccurrences())
    for (const section of o.leads)
      if (o.due < TODAY && n++ % 4 !== 0) await store.confirm(o.id, section, 'ou_bench', '', 'command');
  const input = planProgressChart(
    await store.allOccurrences(),
    { sections: config.sections, chapters: config.plan.chapters },
    TODAY,
    { requireVerify: config.reminders.require_verify },
  );
  await store.close();
  return input;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function settle(): Promise<{ rss: number; heap: number }> {
  gc!();
  await setImmediate();
  gc!();
  await setImmediate();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

/** resvg setting the text itself: `<text>` elements, widths guessed (CJK one em, others 0.56). */
class SvgText implements TextSetter {
  width(text: string, size: number): number {
    let ems = 0;
    for (const ch of text) ems += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.56;
    return ems * size;
  }
  draw(text: string, x: number, y: number, style: { size: number; fill: string; anchor?: string }): string {
    const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
    const escaped = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${style.size}" fill="${style.fill}"${anchor}>${escaped}</text>`;
  }
  defs(): string {
    return '';
  }
}

const input = await chartInput();
const bars = input.panels.map(
  (p) => `${p.bars.filter((b) => b.done + b.awaiting + b.open + b.overdue > 0).length} ${p.heading}`,
);
const font = findCjkFont();
const before = await settle();
const renderer = new ChartRenderer(font);

let t = performance.now();
const first = await renderer.progressPng(input);
const firstMs = performance.now() - t;
const afterFirst = process.memoryUsage().rss;

// Charts a second apart, as when several people ask 进度 in turn after changes (identical charts
// are not drawn again: chart-image.ts reuses their upload).
const SPACED = 10;
let spacedPeak = afterFirst;
for (let i = 0; i < SPACED; i++) {
  await renderer.progressPng({ ...input, title: `${input.title} · ${i}` });
  spacedPeak = Math.max(spacedPeak, process.memoryUsage().rss);
  await sleep(1000);
}

// Then back to back, one chart per turn of the event loop: resvg's native pixmaps (~4 MB a chart)
// are freed by finalizers that run after V8 collects their small JS wrappers, and V8 does not
// know their size, so a burst holds them until the next collection.
const times: number[] = [];
let burstPeak = 0;
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  await renderer.progressPng(input);
  times.push(performance.now() - t);
  burstPeak = Math.max(burstPeak, process.memoryUsage().rss);
  await setImmediate();
}
times.sort((a, b) => a - b);
const after = await settle();

// Loaded only now, so the figures above count resvg's own load as the renderer's.
const { Resvg } = await import('@resvg/resvg-js');
const textTimes: number[] = [];
const textSvg = progressChartSvg(input, new SvgText());
for (let i = 0; i < Math.min(RUNS, 7); i++) {
  t = performance.now();
  new Resvg(textSvg, { font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: 'sans-serif' } })
    .render()
    .asPng();
  textTimes.push(performance.now() - t);
}
textTimes.sort((a, b) => a - b);

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / MB).toFixed(1)} MB`;
console.log(
  `chart: ${bars.join(', ')}; PNG ${(first.length / 1024).toFixed(0)} KB; font ${font}; Node ${process.version}; load ${loadavg()[0]!.toFixed(1)}`,
);
console.log('| measurement | value | target |');
console.log('|---|---|---|');
console.log(`| first chart (font read and parsed, glyphs outlined) | ${ms(firstMs)} | < 300 ms |`);
console.log(`| chart, median of ${RUNS} | ${ms(percentile(times, 0.5))} | < 300 ms |`);
console.log(`| chart, p90 / max | ${ms(percentile(times, 0.9))} / ${ms(times.at(-1)!)} | |`);
console.log(`| RSS before the renderer (after GC) | ${mb(before.rss)} | |`);
console.log(`| RSS after the first chart | ${mb(afterFirst)} (+${mb(afterFirst - before.rss)}) | |`);
console.log(
  `| highest RSS, ${SPACED} more charts 1 s apart | ${mb(spacedPeak)} (**+${mb(spacedPeak - before.rss)}**) | < +50 MB |`,
);
console.log(
  `| highest RSS, ${RUNS} charts back to back | ${mb(burstPeak)} (+${mb(burstPeak - before.rss)}) | |`,
);
console.log(
  `| RSS / heap after the runs (after GC) | +${mb(after.rss - before.rss)} / +${mb(after.heap - before.heap)} | |`,
);
console.log(
  `| for comparison: resvg laying out \`<text>\` from the same font, median of ${textTimes.length} | ${ms(percentile(textTimes, 0.5))} | |`,
);
