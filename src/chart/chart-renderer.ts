import type { Font } from 'fontkit';
import { findCjkFont, loadChartFont } from './chart-font.js';
import { type GlyphCache, GlyphText } from './glyph-text.js';
import { type ProgressChartInput, progressChartSvg } from './progress-chart.js';
import { renderPng } from './render-png.js';

/**
 * Draws progress charts as PNG. The font is read on the first chart (a server that never draws
 * one never reads it) and kept with its glyph outlines for the next: one renderer per process.
 */
export class ChartRenderer {
  private font: Font | undefined;
  private readonly glyphs: GlyphCache = new Map();

  /** `fontFile`: a TTF/OTF/TTC with Chinese glyphs; unset, the first of CJK_FONT_CANDIDATES found. */
  constructor(private readonly fontFile?: string) {}

  /** Throws a DubanError (chart_font_*) saying how to install a font when there is none. */
  progressPng(input: ProgressChartInput): Buffer {
    return renderPng(this.progressSvg(input));
  }

  progressSvg(input: ProgressChartInput): string {
    this.font ??= loadChartFont(this.fontFile ?? findCjkFont());
    return progressChartSvg(input, new GlyphText(this.font, this.glyphs));
  }
}
