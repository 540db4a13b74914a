import type { Card, CardElement, CardTemplate } from '../reply.js';
import { button, card, markdown } from './card.js';

/** A long answer (due soon, overdue, a section's tasks) cut into pages that stay far below 30 KB. */
export interface ListGroup {
  heading: string;
  lines: string[];
}

export interface ListCardInput {
  title: string;
  template: CardTemplate;
  /** Shown above the list: the window, the counts. */
  summary: string;
  groups: ListGroup[];
  /** Shown when there is nothing to list. */
  empty: string;
  /** 1-based. */
  page: number;
  /** The command text that made this list: the page buttons run it again with another page. */
  query: string;
}

/** Lines per page: ~25 lines of ~150 bytes each plus mentions keep a page near 6 KB. */
export const PAGE_LINES = 25;

export function listCard(input: ListCardInput): Card {
  const pages = paginate(input.groups);
  const page = Math.min(Math.max(1, input.page), Math.max(1, pages.length));
  const shown = pages[page - 1] ?? [];
  const elements: CardElement[] = [markdown(input.summary)];
  if (shown.length === 0) elements.push(markdown(input.empty));
  for (const group of shown) elements.push(markdown(`**${group.heading}**\n${group.lines.join('\n')}`));
  if (pages.length > 1) {
    elements.push(markdown(`第 ${page}/${pages.length} 页`));
    if (page > 1)
      elements.push(button('上一页', { action: 'page', query: input.query, page: page - 1 }, 'default'));
    if (page < pages.length)
      elements.push(button('下一页', { action: 'page', query: input.query, page: page + 1 }, 'default'));
  }
  return card(input.title, input.template, elements);
}

/** Splits groups into pages of at most PAGE_LINES lines; a group cut in two repeats its heading. */
export function paginate(groups: ListGroup[]): ListGroup[][] {
  const pages: ListGroup[][] = [];
  let current: ListGroup[] = [];
  let used = 0;
  for (const group of groups) {
    for (let start = 0; start < group.lines.length; ) {
      if (used === PAGE_LINES) {
        pages.push(current);
        current = [];
        used = 0;
      }
      const take = Math.min(PAGE_LINES - used, group.lines.length - start);
      const heading = start === 0 ? group.heading : `${group.heading}（续）`;
      current.push({ heading, lines: group.lines.slice(start, start + take) });
      used += take;
      start += take;
    }
  }
  if (current.length > 0) pages.push(current);
  return pages;
}
