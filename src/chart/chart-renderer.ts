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
  private font: Promise<Font> | undefined;
  private readonly glyphs: GlyphCache = new Map();

  /** `fontFile`: a TTF/OTF/TTC with Chinese glyphs; unset, the first of CJK_FONT_CANDIDATES found. */
  constructor(private readonly fontFile?: string) {}

  /** Rejects with a DubanError (chart_font_*) saying how to install a font when there is none. */
  async progressPng(input: ProgressChartInput): Promise<Buffer> {
    return renderPng(await this.progressSvg(input));
  }

  async progressSvg(input: ProgressChartInput): Promise<string> {
    return progressChartSvg(input, new GlyphText(await this.loadFont(), this.glyphs));
  }

  /** Read once; a failure is not kept, so a font installed later is found at the next chart. */
  private loadFont(): Promise<Font> {
    this.font ??= (async () => loadChartFont(this.fontFile ?? findCjkFont()))().catch((error: unknown) => {
      this.font = undefined;
      throw error;
    });
    return this.font;
  }
}
