import { ImportError } from '../import-error.js';
import { toHalfWidth } from './normalize.js';

/**
 * The plan year: named in the title or preamble ("2023年工作要点"), else the year of the document
 * number ("国发〔2019〕3号") or of the date it was issued on ("2019年1月12日" alone on a line).
 */
export function yearFrom(opening: string[], all: string[]): number {
  for (const line of opening) {
    const m = /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(line));
    if (m) return Number(m[1]);
  }
  for (const line of all) {
    const half = toHalfWidth(line.trim());
    const m =
      /^[\u4e00-\u9fa5]{1,12}[〔[]((?:19|20)\d{2})[〕\]]\d{1,4}号$/.exec(half) ??
      /^((?:19|20)\d{2})年\d{1,2}月\d{1,2}日$/.exec(half);
    if (m) return Number(m[1]);
  }
  throw new ImportError(
    '无法确定计划年度：标题中没有年份（如“2023年工作要点”），请加上 --year 2023 / cannot tell the plan year: the title names none (such as "2023年工作要点"); pass --year 2023',
  );
}
