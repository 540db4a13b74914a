/** Timing helpers for the store bench: sequential samples, percentiles, a results table. */

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface Sampled extends Stats {
  /** PING round trips taken between the operations, in the same window. */
  ping: Stats;
}

/**
 * Runs `op` `n` times one after another (after `warmup` unmeasured runs), with a PING between
 * runs timed separately, so each figure has a round trip measured under the same conditions
 * (other programs on the machine move both). Milliseconds.
 */
export async function sample(
  n: number,
  op: (i: number) => Promise<unknown>,
  ping: () => Promise<unknown>,
  warmup = Math.min(50, n),
): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await op(i);
  const times: number[] = [];
  const pings: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(await timeOnce(() => op(i)));
    pings.push(await timeOnce(ping));
  }
  return { ...stats(times), ping: stats(pings) };
}

export function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export async function timeOnce(op: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await op();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface Row {
  name: string;
  stats: Stats;
  ping: Stats;
  /** Which figure the target applies to. */
  figure: 'p50' | 'p99';
  targetMs?: number;
}

/** One line per row: p50, p99, max, target and verdict, the window's PING, and the figure ÷ that PING. */
export function table(rows: Row[]): string {
  const ms = (v: number, width = 9) => v.toFixed(3).padStart(width);
  const head =
    `${'measurement'.padEnd(50)}${'n'.padStart(6)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}` +
    `  ${'target'.padEnd(12)}${'verdict'.padEnd(8)}${'PING p50'.padStart(9)}${'PING p99'.padStart(9)}  ratio`;
  const lines = rows.map((r) => {
    const value = r.stats[r.figure];
    const target = r.targetMs === undefined ? '' : `${r.figure} < ${r.targetMs}`;
    const verdict = r.targetMs === undefined ? 'info' : value < r.targetMs ? 'OK' : 'MISS';
    const ratio = `${r.figure} ${(value / r.ping[r.figure]).toFixed(1)}× PING ${r.figure}`;
    return (
      `${r.name.padEnd(50)}${String(r.stats.n).padStart(6)}${ms(r.stats.p50)}${ms(r.stats.p99)}${ms(r.stats.max)}` +
      `  ${target.padEnd(12)}${verdict.padEnd(8)}${ms(r.ping.p50)}${ms(r.ping.p99)}  ${ratio}`
    );
  });
  return [head, ...lines].join('\n');
}
