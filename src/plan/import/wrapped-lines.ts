import { isFurniture } from './furniture.js';

/**
 * Lines a title or heading was broken into: a document title centred over two lines, a chapter
 * heading wrapped at the page's width. The second line is joined back only when nothing says it is
 * text of its own (a closing mark, a number, a document number, furniture).
 */

/** A title longer than this is not broken over two lines; it is a title followed by prose. */
const MAX_TITLE_PART = 30;

/** "关于印发…重点任务" + "分工方案的通知": a short unpunctuated line continuing a short title. */
export function continuesTitle(title: string, line: string, numbered: boolean): boolean {
  return (
    !numbered &&
    title.length <= MAX_TITLE_PART &&
    line.length <= MAX_TITLE_PART &&
    !/[。;；:：,，)）〕]$/.test(title) &&
    !/[。;；:：,，]$/.test(line) &&
    !/[〔[]\d{4}[〕\]]/.test(line) &&
    !isFurniture(line)
  );
}

/** A chapter heading is wrapped when its first line filled the page's width (15 characters or more). */
const WRAPPED_HEADING = 15;

/** "一、深入实施创新驱动发展战略，加快建设" + "现代化产业体系": a wrapped heading's second line. */
export function continuesHeading(title: string, line: string, numbered: boolean): boolean {
  return (
    title.length >= WRAPPED_HEADING &&
    !numbered &&
    line.length <= MAX_TITLE_PART &&
    !/[。;；:：)）]$/.test(title) &&
    !/[。;；:：,，)）]$/.test(line) &&
    !isFurniture(line)
  );
}
