import type { TextSetter, TextStyle } from './glyph-text.js';

/**
 * The progress chart as SVG: one panel of stacked horizontal bars per grouping (by section, by
 * chapter), each bar a count of units split into done / 待销号 / open / overdue and drawn to
 * 100 % so bars of different sizes compare by completion; the counts stand beside it.
 *
 * Drawn by hand rather than with a chart library: two bar panels are a hundred lines of SVG, and
 * ECharts (the usual choice) would add ~50 MB to the image for them. render-png.ts rasterises it.
 */

export interface ChartBar {
  label: string;
  done: number;
  /** Confirmed, waiting for 销号 (only with reminders.yaml require_verify). */
  awaiting: number;
  open: number;
  overdue: number;
}

export interface ChartPanel {
  heading: string;
  bars: ChartBar[];
}

export interface ProgressChartInput {
  title: string;
  /** One line under the title, e.g. the unit of counting. */
  subtitle?: string;
  panels: ChartPanel[];
}

/** Colours of the states, also read by tests that decode the PNG. */
export const CHART_COLOURS = {
  done: '#2ea043',
  awaiting: '#f5a623',
  open: '#4e83fd',
  overdue: '#f54a45',
  background: '#ffffff',
  track: '#f2f3f5',
  text: '#1f2329',
  muted: '#646a73',
} as const;

export const CHART_WIDTH = 960;
const PAD = 28;
const FONT = 16;
const ROW = 30;
const BAR = 18;
/** Labels longer than this many characters end in "…" (chapter titles run to 25). */
const LABEL_CHARS = 15;
const COUNT_WIDTH = 110;

const STATES = [
  ['done', '已完成'],
  ['awaiting', '待销号'],
  ['open', '进行中'],
  ['overdue', '逾期'],
] as const;

type State = (typeof STATES)[number][0];

export function progressChartSvg(input: ProgressChartInput, text: TextSetter): string {
  const panels = input.panels.map((p) => ({ ...p, bars: p.bars.filter((b) => total(b) > 0) }));
  const labels = panels.flatMap((p) => p.bars.map((b) => clipLabel(b.label)));
  const labelWidth = Math.max(4 * FONT, ...labels.map((l) => text.width(l, FONT)));
  const width = widthFor(chartHeight(panels, input.subtitle !== undefined));
  const barX = PAD + labelWidth + 12;
  const barWidth = width - barX - COUNT_WIDTH - PAD;
  const parts: string[] = [];
  let y = PAD + 24;
  parts.push(text.draw(input.title, PAD, y, { size: 24, fill: CHART_COLOURS.text }));
  if (input.subtitle !== undefined) {
    y += 26;
    parts.push(text.draw(input.subtitle, PAD, y, { size: 14, fill: CHART_COLOURS.muted }));
  }
  y += 34;
  // 待销号 only where the plan requires 销号: elsewhere it would be a colour no bar has.
  const shown = STATES.filter(
    ([state]) => state !== 'awaiting' || panels.some((p) => p.bars.some((b) => b.awaiting > 0)),
  );
  parts.push(legend(text, PAD, y, shown));
  for (const panel of panels) {
    y += 44;
    parts.push(text.draw(panel.heading, PAD, y, { size: 18, fill: CHART_COLOURS.text }));
    y += 14;
    if (panel.bars.length === 0) {
      parts.push(text.draw('暂无牵头任务', PAD, y + ROW - 10, { size: FONT, fill: CHART_COLOURS.muted }));
      y += ROW;
    }
    for (const bar of panel.bars) {
      parts.push(barRow(text, bar, y, barX, barWidth));
      y += ROW;
    }
  }
  const height = y + PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    text.defs(),
    `<rect width="${width}" height="${height}" fill="${CHART_COLOURS.background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The height the layout below draws: title, subtitle, legend, then per panel its heading and rows. */
function chartHeight(panels: { bars: unknown[] }[], subtitle: boolean): number {
  const rows = panels.reduce((h, p) => h + 58 + Math.max(1, p.bars.length) * ROW, 0);
  return PAD + 24 + (subtitle ? 26 : 0) + 34 + rows + PAD;
}

/**
 * Lark shows a card image whole only while height:width is at most 16:9; a bureau with many
 * sections gets a wider chart (longer bars) rather than a cropped one.
 */
function widthFor(height: number): number {
  return Math.max(CHART_WIDTH, Math.ceil((height * 9) / 16));
}

function barRow(text: TextSetter, bar: ChartBar, top: number, x: number, width: number): string {
  const sum = total(bar);
  const baseline = top + ROW / 2 + FONT * 0.35;
  const barTop = top + (ROW - BAR) / 2;
  const out = [
    text.draw(clipLabel(bar.label), x - 12, baseline, {
      size: FONT,
      fill: CHART_COLOURS.text,
      anchor: 'end',
    }),
    `<rect x="${x}" y="${barTop}" width="${width}" height="${BAR}" fill="${CHART_COLOURS.track}"/>`,
  ];
  let left = x;
  for (const [state] of STATES) {
    const count = bar[state];
    if (count === 0) continue;
    const w = (count / sum) * width;
    out.push(
      `<rect x="${fixed(left)}" y="${barTop}" width="${fixed(w)}" height="${BAR}" fill="${CHART_COLOURS[state]}"/>`,
    );
    // The count inside its segment when it fits; the total beside the bar says the rest.
    const small: TextStyle = { size: 13, fill: '#ffffff', anchor: 'middle' };
    if (w >= text.width(String(count), small.size) + 8)
      out.push(text.draw(String(count), left + w / 2, barTop + 14, small));
    left += w;
  }
  const percent = Math.round((bar.done / sum) * 100);
  out.push(
    text.draw(`${bar.done}/${sum}  ${percent}%`, x + width + 12, baseline, {
      size: 15,
      fill: CHART_COLOURS.text,
    }),
  );
  return out.join('\n');
}

function legend(
  text: TextSetter,
  x: number,
  baseline: number,
  states: readonly (readonly [State, string])[],
): string {
  const out: string[] = [];
  let left = x;
  for (const [state, name] of states) {
    out.push(
      `<rect x="${left}" y="${baseline - 13}" width="16" height="16" fill="${CHART_COLOURS[state]}"/>`,
    );
    out.push(text.draw(name, left + 22, baseline, { size: 15, fill: CHART_COLOURS.text }));
    left += 22 + text.width(name, 15) + 28;
  }
  return out.join('\n');
}

function total(bar: ChartBar): number {
  return bar.done + bar.awaiting + bar.open + bar.overdue;
}

function clipLabel(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_CHARS ? label : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}

function fixed(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
