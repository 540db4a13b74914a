import { PNG } from 'pngjs';

/** A decoded PNG, read as colours: what a test can say about a picture it cannot look at. */
export interface Pixels {
  width: number;
  height: number;
  /** `#rrggbb` of the pixel at (x, y). */
  at(x: number, y: number): string;
  /** How many pixels have each colour, within the rectangle (default: the whole picture). */
  colours(area?: { x: number; y: number; width: number; height: number }): Map<string, number>;
  /** Pixels that are not `background`. */
  ink(background?: string): number;
}

export function decodePng(bytes: Buffer): Pixels {
  const png = PNG.sync.read(bytes);
  const at = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return `#${[png.data[i]!, png.data[i + 1]!, png.data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };
  const colours: Pixels['colours'] = (area = { x: 0, y: 0, width: png.width, height: png.height }) => {
    const counts = new Map<string, number>();
    for (let y = area.y; y < area.y + area.height; y++)
      for (let x = area.x; x < area.x + area.width; x++) {
        const c = at(x, y);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    return counts;
  };
  return {
    width: png.width,
    height: png.height,
    at,
    colours,
    ink: (background = '#ffffff') => {
      let n = 0;
      for (const [c, count] of colours()) if (c !== background) n += count;
      return n;
    },
  };
}
