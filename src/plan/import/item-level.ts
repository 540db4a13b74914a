import { ITEM_STYLES, type ItemStyle } from './headings.js';

/**
 * Which numbering level holds the tasks. Documents nest 一、 → （一） → 1. → （1）, and any level may
 * be the task: a bureau's 工作要点 puts its field blocks on （一）, a national 分工方案 groups tasks
 * under （一） and closes each "1." with "（…负责）". The task level is the deepest one whose
 * headings, mostly, each carry a field block before the next heading at their level or above.
 */
export interface NumberedLine {
  /** Numbering style of the line; undefined for a chapter heading or an unnumbered line. */
  style: ItemStyle | undefined;
  chapter: boolean;
  hasFields: boolean;
}

/** Share of a level's headings that must carry fields for it to be the task level. */
const MOSTLY = 0.6;

export function depthOf(style: ItemStyle): number {
  return ITEM_STYLES.indexOf(style);
}

/** The task level, or undefined when no level carries fields (then the first level met is used). */
export function itemLevel(lines: NumberedLine[]): ItemStyle | undefined {
  let best: { style: ItemStyle; share: number } | undefined;
  for (const style of ITEM_STYLES) {
    const share = carryingShare(lines, style);
    if (share === undefined || share === 0) continue;
    const deeper = best === undefined || depthOf(style) > depthOf(best.style);
    if (share >= MOSTLY && deeper) best = { style, share };
    else if (best === undefined || (best.share < MOSTLY && share > best.share)) best = { style, share };
  }
  return best?.style;
}

/** Of the headings in `style`, the share with a field block before the next heading at or above it. */
function carryingShare(lines: NumberedLine[], style: ItemStyle): number | undefined {
  let headings = 0;
  let carrying = 0;
  let open = false;
  let carried = false;
  const close = () => {
    if (open && carried) carrying++;
    open = false;
  };
  for (const line of lines) {
    const atOrAbove = line.chapter || (line.style !== undefined && depthOf(line.style) <= depthOf(style));
    if (atOrAbove) close();
    if (!line.chapter && line.style === style) {
      headings++;
      open = true;
      carried = false;
    }
    if (open && line.hasFields) carried = true;
  }
  close();
  return headings === 0 ? undefined : carrying / headings;
}
