import type { Font } from 'fontkit';

export interface TextStyle {
  size: number;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** What the chart needs of text: its width, and SVG that draws it. */
export interface TextSetter {
  width(text: string, size: number): number;
  /** SVG drawing `text` with its baseline at `y`, anchored at `x`. */
  draw(text: string, x: number, y: number, style: TextStyle): string;
  /** The `<defs>` the drawn text refers to; call once, after the last draw. */
  defs(): string;
}

/** Glyph outlines by glyph id, SVG path data in font units: shared by every chart with this font. */
export type GlyphCache = Map<number, string>;

/**
 * Sets text as glyph outlines from `font` (shaped by fontkit): each glyph used is one path in
 * `<defs>`, each occurrence a `<use>`. resvg then has no text to lay out — laying out its own
 * `<text>` re-reads the font file for every element, ~300 ms a chart with a 5 MB CJK font.
 * One instance per SVG document.
 */
export class GlyphText implements TextSetter {
  private readonly used = new Map<number, string>();

  constructor(
    private readonly font: Font,
    private readonly cache: GlyphCache = new Map(),
  ) {}

  width(text: string, size: number): number {
    return (this.font.layout(text).advanceWidth * size) / this.font.unitsPerEm;
  }

  draw(text: string, x: number, y: number, style: TextStyle): string {
    const run = this.font.layout(text);
    const scale = style.size / this.font.unitsPerEm;
    const width = run.advanceWidth * scale;
    const left = style.anchor === 'end' ? x - width : style.anchor === 'middle' ? x - width / 2 : x;
    const uses: string[] = [];
    let pen = 0;
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i]!;
      const path = this.outline(glyph.id, () => glyph.path.toSVG());
      if (path !== '')
        uses.push(
          `<use href="#g${glyph.id}" x="${Math.round(pen + position.xOffset)}" y="${Math.round(-position.yOffset)}"/>`,
        );
      pen += position.xAdvance;
    });
    // Font units have y up; the flip makes the baseline y.
    return `<g fill="${style.fill}" transform="translate(${round(left)} ${round(y)}) scale(${scale.toFixed(6)} ${(-scale).toFixed(6)})">${uses.join('')}</g>`;
  }

  defs(): string {
    const paths = [...this.used].filter(([, d]) => d !== '').map(([id, d]) => `<path id="g${id}" d="${d}"/>`);
    return `<defs>${paths.join('')}</defs>`;
  }

  private outline(id: number, read: () => string): string {
    let d = this.used.get(id) ?? this.cache.get(id);
    if (d === undefined) {
      d = read();
      this.cache.set(id, d);
    }
    this.used.set(id, d);
    return d;
  }
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
