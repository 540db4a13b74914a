import type { LocalDate } from '../plan/types.js';

/** The calendar date of `at` in `timeZone` (an IANA name): what "today" is for the plan. */
export function localDateAt(at: Date, timeZone: string): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The wall-clock time of `at` in `timeZone`, `HH:MM`. */
export function localTimeAt(at: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A shared Intl formatter for these options. Building one costs ~100 µs; sweeps, previews and
 * list cards format thousands of dates, so each distinct formatter is built once.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Numeric order of item ids (`2.1` < `10.1`, `8.4` < `8.10`); plain text order as a last resort. */
export function compareItemIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const diff = Number(x) - Number(y);
    if (Number.isFinite(diff) && diff !== 0) return diff;
    if (!Number.isFinite(diff) && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
