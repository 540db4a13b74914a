import { existsSync } from 'node:fs';
import type { Font } from 'fontkit';
import { DubanError } from '../errors.js';

/**
 * The chart's Chinese font. Text is set as glyph outlines taken from this font (glyph-text.ts), so
 * the PNG renderer needs no font of its own and the picture is the same on every machine that
 * has the same font file.
 */

/**
 * Where a CJK font is looked for, first found wins. The Docker image and CI install Debian's
 * fonts-wqy-microhei (5 MB; GBK, every name a bureau uses); fonts-noto-cjk, Fedora's and macOS's
 * fonts are found too, for development machines.
 */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
] as const;

export const CHART_FONT_FIX =
  'install a Chinese font: `apt-get install fonts-wqy-microhei` on Debian/Ubuntu (the Docker image has it)';

/** The first font file in `candidates` that exists; a DubanError saying how to get one when none does. */
export function findCjkFont(
  candidates: readonly string[] = CJK_FONT_CANDIDATES,
  exists: (path: string) => boolean = existsSync,
): string {
  const found = candidates.find((path) => exists(path));
  if (found === undefined)
    throw new DubanError(
      'chart_font_missing',
      `no Chinese font for the progress chart (looked for ${candidates.join(', ')}): ${CHART_FONT_FIX}`,
    );
  return found;
}

/** Characters the chart cannot do without: a font lacking them would draw boxes. */
const PROBE = '督办进度已完成逾期科室';

/**
 * The font in `file` (TTF, OTF, or a collection, whose Simplified Chinese face is taken). Rejects
 * with a DubanError naming the file when it cannot be read or has no Chinese glyphs.
 */
export async function loadChartFont(file: string): Promise<Font> {
  // Loaded here, not at start: fontkit costs every process ~25 MB and half a second to import,
  // and most never draw a chart (the CLI, a server between digests).
  const { openSync } = await import('fontkit');
  let opened: ReturnType<typeof openSync>;
  try {
    opened = openSync(file);
  } catch (error) {
    throw new DubanError(
      'chart_font_unreadable',
      `chart font ${file} cannot be read as a font: ${CHART_FONT_FIX}`,
      {
        cause: error,
      },
    );
  }
  const faces = 'fonts' in opened ? opened.fonts : [opened];
  const face = faces.find((f) => /\bSC\b|Micro Hei|Zen Hei|PingFang SC/i.test(f.familyName)) ?? faces[0];
  if (!face || [...PROBE].some((ch) => !face.hasGlyphForCodePoint(ch.codePointAt(0)!)))
    throw new DubanError('chart_font_no_cjk', `chart font ${file} has no Chinese glyphs: ${CHART_FONT_FIX}`);
  return face;
}
