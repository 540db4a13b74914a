/**
 * SVG → PNG with resvg (Rust; its native binary arrives as an optional dependency for the
 * platform, no install script). The chart's text is already outlines (glyph-text.ts), so no font
 * is loaded: the same SVG gives the same pixels on every machine.
 */
export async function renderPng(svg: string): Promise<Buffer> {
  // Loaded at the first chart, like the font: a process that draws none never maps the binary.
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'original' },
    background: 'white',
  });
  return resvg.render().asPng();
}
