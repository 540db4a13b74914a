/**
 * `duban import` on large documents: time and peak memory (max RSS) for 1, 5 and 20 MB, each in a
 * fresh process, with the ratio to 1 MB. Linear time means the 5 MB and 20 MB rows cost about 5× and
 * 20× the 1 MB row; the issue asks for "imports or is refused in seconds, memory under 500 MB".
 *
 *   npx tsx bench/import.bench.ts            (sizes in MB: 1 5 20; pass others as arguments)
 *
 * The document is built to hurt: every tenth chapter is one task with its long text after its field
 * block on the same line (the quadratic case of issue 13), dozens of date phrases per item, long runs with no punctuation and
 * nested brackets in unit names. It is written as UTF-8 text and read the way the CLI reads it, and
 * as a saved web page (cli-html) with unclosed comments and stray '<'.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { readPlanDocument } from '../src/cli/read-document.js';
import { ImportError } from '../src/plan/import-error.js';
import { importPlan } from '../src/plan/importer.js';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const numeral = (n: number) => (n < 10 ? CN[n]! : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${CN[n % 10]}`);

/** A plan of about `bytes` UTF-8 bytes: items of ~1 KB, up to 99 chapters of up to 99 items each. */
function hostileDocument(bytes: number): string {
  const items = Math.ceil(bytes / 1000);
  const chapters = Math.min(99, Math.ceil(items / 99));
  const perChapter = Math.ceil(items / chapters);
  const fillerChars = Math.max(100, Math.floor(bytes / (chapters * Math.min(99, perChapter)) / 3) - 100);
  const filler = '推进各有关乡镇(街道)重点工作6月底前完成每季度检查一次'
    .repeat(Math.ceil(fillerChars / 30))
    .slice(0, fillerChars);
  const lines = ['某局2023年工作要点'];
  for (let c = 1; c <= chapters; c++) {
    lines.push(`${numeral(c)}、第${c}章`);
    const tasks: string[] = [];
    for (let i = 1; i <= Math.min(99, perChapter); i++) {
      tasks.push(
        `（${numeral(i)}）任务${c}.${i}。${filler}。（牵头科室：办公室；责任科室：各有关乡镇(街道)、预算科；完成时限：9月底前、12月31日前）此后又写了一句3月底前完成的话。`,
      );
    }
    // Every tenth chapter is one task whose field block comes first and its long text after it on
    // the same line — issue 13's case (each date in that text made a copy of all of it).
    if (c % 10 === 1)
      lines.push(`（一）任务${c}。（牵头科室：办公室；完成时限：12月31日前）${filler.repeat(tasks.length)}`);
    else lines.push(...tasks);
  }
  return lines.join('\n');
}

/**
 * One run in this process: `cli` / `cli-html` read the file as `duban import` does (size limit
 * included) and write YAML; `parser` hands the whole text to importPlan past the limit and writes
 * YAML, `parse` the same without YAML — to show the parser itself is linear and what YAML costs.
 */
/** The same plan as a saved web page, with what hurts a tokenizer: unclosed comments and '<' without '>'. */
function hostilePage(bytes: number): string {
  const lines = hostileDocument(bytes * 0.8).split('\n');
  const body = lines.map((l, i) =>
    i % 50 === 0 ? `<p>${l}<!-- 注释 <p>x</p> --></p>` : `<div>${l} 3<5，1 < 2</div>`,
  );
  return `<html><head><style>p{}</style></head><body>${body.join('\n')}<!-- 没有结束 <p>`;
}

async function child(mode: string, path: string): Promise<void> {
  const started = performance.now();
  let outcome: string;
  try {
    const direct = mode === 'parse' || mode === 'parser';
    const text = direct ? readFileSync(path, 'utf8') : await readPlanDocument(path);
    const { plan } = importPlan(text);
    const items = plan.chapters.reduce((n, c) => n + c.items.length, 0);
    if (mode === 'parse') outcome = `parsed, ${items} items`;
    else
      outcome = `imported, ${items} items, YAML ${(stringify(plan, { lineWidth: 0 }).length / 1e6).toFixed(1)} M chars`;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    outcome = `refused: ${error.message.replace(path, 'FILE').slice(0, 60)}…`;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, outcome }));
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'duban-import-bench-'));
  console.log(`node ${process.version}\n`);
  console.log('| path | input | time | ×1 MB | peak RSS | outcome |');
  console.log('| ---- | ----- | ---- | ----- | -------- | ------- |');
  for (const mode of ['parse', 'parser', 'cli', 'cli-html']) {
    let base: number | undefined;
    for (const mb of sizes.length > 0 ? sizes : [1, 5, 20]) {
      const html = mode === 'cli-html';
      const path = join(dir, `plan-${mb}mb.${html ? 'html' : 'txt'}`);
      const text = html ? hostilePage(mb * 1e6) : hostileDocument(mb * 1e6);
      writeFileSync(path, text);
      const size = `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, path],
        { encoding: 'utf8' },
      );
      rmSync(path);
      if (run.status !== 0) {
        console.log(`| ${mode} | ${size} | failed (exit ${run.status}) | | | ${run.stderr.split('\n')[0]} |`);
        continue;
      }
      const { ms, rssMb, outcome } = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      base ??= ms;
      console.log(
        `| ${mode} | ${size} | ${(ms / 1000).toFixed(2)} s | ${(ms / base!).toFixed(1)} | ${rssMb.toFixed(0)} MB | ${outcome} |`,
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
