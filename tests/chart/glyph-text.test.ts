import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont, loadChartFont } from '../../src/chart/chart-font.js';
import { GlyphText } from '../../src/chart/glyph-text.js';
import { renderPng } from '../../src/chart/render-png.js';
import { DubanError } from '../../src/errors.js';
import { decodePng } from '../helpers/png-pixels.js';

/** These tests need a Chinese font installed (.ci/run installs fonts-wqy-microhei). */
const font = await loadChartFont(findCjkFont());

/** One label alone, black on white, as the chart sets it. */
async function label(text: string): Promise<{ png: Buffer; width: number }> {
  const setter = new GlyphText(font);
  const width = setter.width(text, 24);
  const drawn = setter.draw(text, 10, 40, { size: 24, fill: '#000000' });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60">${setter.defs()}${drawn}</svg>`;
  return { png: await renderPng(svg), width };
}

describe('Chinese text in the chart', () => {
  it('renders as glyphs: a CJK label has width and ink, an empty one neither', async () => {
    const name = await label('金融服务中心');
    const empty = await label('');
    expect(name.width).toBeGreaterThan(5 * 24); // six characters of about one em each
    expect(empty.width).toBe(0);
    expect(decodePng(empty.png).ink()).toBe(0);
    expect(decodePng(name.png).ink()).toBeGreaterThan(300);
  });

  it('draws different characters differently (missing glyphs would all be the same box)', async () => {
    const a = decodePng((await label('督办')).png);
    const b = decodePng((await label('逾期')).png);
    let differing = 0;
    for (let y = 0; y < a.height; y++)
      for (let x = 0; x < a.width; x++) if (a.at(x, y) !== b.at(x, y)) differing++;
    expect(differing).toBeGreaterThan(100);
    // A box (tofu) is mostly outline: a real 督 has more ink than 一.
    expect(decodePng((await label('督')).png).ink()).toBeGreaterThan(
      decodePng((await label('一')).png).ink(),
    );
  });

  it('anchors text at its end and middle by its measured width', async () => {
    const setter = new GlyphText(font);
    const width = setter.width('办公室', 16);
    const translate = (svg: string) => Number(/translate\(([\d.-]+) /.exec(svg)![1]);
    expect(translate(setter.draw('办公室', 200, 20, { size: 16, fill: '#000', anchor: 'end' }))).toBeCloseTo(
      200 - width,
      0,
    );
    expect(
      translate(setter.draw('办公室', 200, 20, { size: 16, fill: '#000', anchor: 'middle' })),
    ).toBeCloseTo(200 - width / 2, 0);
  });
});

describe('the chart font', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-font-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the first candidate that exists, or an error saying which package to install', async () => {
    expect(findCjkFont(['/a.ttc', '/b.ttc', '/c.ttc'], (p) => p !== '/a.ttc')).toBe('/b.ttc');
    let error: unknown;
    try {
      findCjkFont(['/nowhere/x.ttc'], () => false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DubanError);
    expect((error as DubanError).code).toBe('chart_font_missing');
    expect((error as DubanError).message).toContain('/nowhere/x.ttc');
    expect((error as DubanError).message).toContain('apt-get install fonts-wqy-microhei');
  });

  it('refuses a file that is no font, naming it', async () => {
    const bogus = join(dir, 'not-a-font.ttf');
    writeFileSync(bogus, 'hello');
    await expect(loadChartFont(bogus)).rejects.toThrow(/not-a-font\.ttf cannot be read as a font/);
  });

  const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(latin))('refuses a font without Chinese glyphs, naming it', async () => {
    await expect(loadChartFont(latin)).rejects.toThrow(/DejaVuSans\.ttf has no Chinese glyphs/);
  });
});
