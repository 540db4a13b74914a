import type { DocumentBlock } from '../plan/import/table-rows.js';

/**
 * mammoth's HTML of a .docx read back into paragraphs and tables. mammoth writes a small, regular
 * subset (<p>, <h1>…, <li>, <table><tr><td colspan rowspan><p>…</p></td></tr></table>, <br />,
 * inline tags), so a tokenizer over tags and text is enough; no HTML is ever rendered or trusted.
 * Pages that offices save as .html are read the same way: <div> ends a line like <p>, and
 * <script>, <style> and <head> are skipped.
 * Merged cells are spread back over the grid: a column span leaves its other columns empty, a row
 * span repeats its text in the rows below (a lead section merged down three items leads all three).
 */
export function blocksOfHtml(html: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let paragraph: string | undefined;
  let tableDepth = 0;
  let rows: SpanCell[][] = [];
  let row: SpanCell[] | undefined;
  let cell: SpanCell | undefined;

  const flushParagraph = () => {
    const text = paragraph?.trim();
    if (text) blocks.push(text);
    paragraph = undefined;
  };
  const addText = (text: string) => {
    if (cell) cell.parts[cell.parts.length - 1] += text;
    else if (tableDepth === 0) paragraph = (paragraph ?? '') + text;
  };

  /** Inside <script>, <style> or <head> of a saved web page: nothing there is the document's text. */
  let hiddenUntil: string | undefined;
  for (const token of withoutComments(html).matchAll(TOKEN)) {
    const [, closing, rawName, attributes, text] = token;
    if (hiddenUntil !== undefined) {
      if (closing && rawName?.toLowerCase() === hiddenUntil) hiddenUntil = undefined;
      continue;
    }
    if (rawName === undefined) {
      // Text, or a comment / doctype, which carries none.
      // A line break in the page's source is layout, not text (browsers join CJK lines the same way).
      if (text !== undefined) addText(decodeEntities(text.replace(/\s*[\r\n]\s*/g, '')));
      continue;
    }
    const name = rawName.toLowerCase();
    if (HIDDEN.has(name) && !closing && !attributes?.trim().endsWith('/')) {
      hiddenUntil = name;
    } else if (name === 'br') {
      addText('\n');
    } else if (name === 'table') {
      if (closing) {
        tableDepth--;
        if (tableDepth === 0) blocks.push(toGrid(rows));
      } else {
        if (tableDepth === 0) flushParagraph();
        tableDepth++;
        if (tableDepth === 1) rows = [];
      }
    } else if (tableDepth === 1 && name === 'tr') {
      if (closing && row) rows.push(row);
      row = closing ? undefined : [];
    } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
      if (!closing) {
        cell = { parts: [''], colspan: span(attributes, 'colspan'), rowspan: span(attributes, 'rowspan') };
        row?.push(cell);
      } else {
        cell = undefined;
      }
    } else if (BLOCK.has(name)) {
      // A paragraph inside a cell (or a nested table's cell) starts a new line of that cell.
      if (cell) cell.parts.push('');
      else if (tableDepth === 0) {
        flushParagraph();
        if (!closing) paragraph = '';
      }
    }
  }
  flushParagraph();
  return blocks;
}

interface SpanCell {
  parts: string[];
  colspan: number;
  rowspan: number;
}

/**
 * A tag's attributes are read up to a bound, so that a '<' with no '>' after it costs a bounded look
 * ahead, not a scan to the end of the page for every such '<' (which made some pages quadratic);
 * a '<' that opens no tag is text.
 */
const TOKEN = /<![^>]{0,2000}>|<(\/?)([a-zA-Z][a-zA-Z0-9:]{0,40})([^>]{0,2000})>|([^<]+|<)/g;

/** Comments removed in one pass; one never closed runs to the end, as in a browser. */
function withoutComments(html: string): string {
  let out = '';
  let at = 0;
  for (let open = html.indexOf('<!--'); open >= 0; open = html.indexOf('<!--', at)) {
    out += html.slice(at, open);
    const close = html.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
  return out + html.slice(at);
}
/** Tags that end a line; web pages saved by offices use <div> as often as <p>. */
const BLOCK = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'tr',
  'div',
  'section',
  'article',
  'blockquote',
  'ul',
  'ol',
  'dd',
  'dt',
]);
const HIDDEN = new Set(['script', 'style', 'head', 'noscript', 'template']);

function span(attributes: string | undefined, name: string): number {
  const m = new RegExp(`${name}="(\\d+)"`).exec(attributes ?? '');
  const n = m ? Number(m[1]) : 1;
  return n >= 1 && n <= 1000 ? n : 1;
}

function cellText(cell: SpanCell): string {
  return cell.parts
    .flatMap((p) => p.split('\n'))
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n');
}

function toGrid(rows: SpanCell[][]): string[][] {
  /** Text still to repeat in a column, and for how many more rows. */
  const carried: { text: string; rows: number }[] = [];
  return rows.map((cells) => {
    const out: string[] = [];
    const takeCarried = () => {
      while (carried[out.length] && carried[out.length]!.rows > 0) {
        const carry = carried[out.length]!;
        carry.rows--;
        out.push(carry.text);
      }
    };
    for (const cell of cells) {
      takeCarried();
      const text = cellText(cell);
      for (let i = 0; i < cell.colspan; i++) {
        const value = i === 0 ? text : '';
        if (cell.rowspan > 1) carried[out.length] = { text: value, rows: cell.rowspan - 1 };
        out.push(value);
      }
    }
    takeCarried();
    return out;
  });
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}
