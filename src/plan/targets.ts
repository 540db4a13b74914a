import { toHalfWidth } from './import/normalize.js';
import type { Target } from './types.js';

/**
 * Quantities an item commits to: "8亿元", "增长13.43％", "4家", "10个项目", "1－2个镇".
 * "至少1次" is a milestone's count, not a target, so 次 is not a target unit.
 */
const TARGET =
  /(同比增长|增长|达到|超过|不低于|不少于|压减|下降|约)?(?:(\d+(?:\.\d+)?)\s*[-~至到])?(\d+(?:\.\d+)?)\s*(亿元|万元|元|%|家|个(?:项目|部门|镇|单位|村|企业)?|名|户|人次|人|场|期|件|篇)/g;

export function findTargets(text: string): Target[] {
  const half = toHalfWidth(text);
  const targets: Target[] = [];
  TARGET.lastIndex = 0;
  for (let m = TARGET.exec(half); m !== null; m = TARGET.exec(half)) {
    // A digit right before the match means we are inside a longer number ("2023年度…")
    if (m.index > 0 && /[\d.]/.test(half[m.index - 1]!)) continue;
    targets.push({
      text: text.slice(m.index, m.index + m[0].length),
      value: Number(m[3]),
      unit: m[4] === '%' ? '%' : m[4]!,
    });
  }
  return targets;
}
