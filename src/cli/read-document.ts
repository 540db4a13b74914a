import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { hasPlanTable, namedDocumentLines } from '../plan/import/table-rows.js';
import { ImportError } from '../plan/import-error.js';
import { decodeText } from '../text/decode-text.js';
import { blocksOfHtml } from './docx-html.js';

/**
 * A plan is a few tens of thousands of characters; anything far larger is the wrong file, and
 * refusing it up front keeps memory bounded (bench/import.bench.ts).
 */
export const MAX_PLAN_CHARS = 1_000_000;
/** A .docx carries pictures too, so its file may be much larger than its text. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * The text of a plan document: plain text (UTF-8, UTF-16 or GBK/GB18030), .docx, which is how these
 * plans circulate, or .html/.htm, which is how offices save web pages. A paragraph becomes one line;
 * a plan written as a table (序号 | 工作任务 | 牵头科室 | …) becomes one line per row in the
 * importer's own item form.
 */
export interface PlanDocument {
  text: string;
  /** Where each line is found, by line number − 1, when "line N" is not: "表1 第3行", "第12段". */
  lineNames?: (string | undefined)[];
}

export async function readPlanDocument(path: string): Promise<string> {
  return (await readPlanFile(path)).text;
}

/** readPlanDocument with where each line is found, for messages a user can act on. */
export async function readPlanFile(path: string): Promise<PlanDocument> {
  const bytes = await readBytes(path);
  const kind = extname(path).toLowerCase();
  if (kind === '.doc' || kind === '.wps' || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError(
      `${path}：这是旧版 Word/WPS 格式（.doc/.wps），请另存为 .docx 或 .txt 后再导入 / the old .doc format is not supported; save it as .docx or .txt`,
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError(
      `${path}：这是 PDF 文件，无法读取其中的文字；请用原始的 Word 文件，或把文字复制到 .txt / this is a PDF; import the Word original or its text as .txt`,
    );
  }
  let document: PlanDocument;
  if (kind === '.docx' || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      document = await readDocx(bytes);
    } catch (error) {
      throw new ImportError(
        `${path} 不是可读取的 .docx 文件 / is not a readable .docx file (${(error as Error).message})`,
      );
    }
  } else {
    const text = decodeOrRefuse(path, bytes);
    const html = kind === '.html' || kind === '.htm' || /^\s*<(!doctype html|html)/i.test(text);
    document = html ? named(namedDocumentLines(blocksOfHtml(text))) : { text };
  }
  checkSize(path, document.text);
  return document;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new ImportError(`${path} 是一个目录，不是文件 / is a directory; pass the plan file itself`);
    }
    if (info.size > MAX_FILE_BYTES) {
      throw new ImportError(
        `${path} 太大（${mb(info.size)} MB，上限 ${mb(MAX_FILE_BYTES)} MB），不像一份工作要点；请确认选对了文件 / too large for a plan (${mb(info.size)} MB, limit ${mb(MAX_FILE_BYTES)} MB); check it is the right file`,
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(readFailure(path, error as NodeJS.ErrnoException));
  }
}

/** Why a file could not be read, in words a user can act on; the system code kept for searching. */
function readFailure(path: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? String(error);
  const reasons: Record<string, string> = {
    ENOENT: '文件不存在，请检查路径和文件名 / no such file; check the path and name',
    EACCES: '没有读取权限 / permission denied; check the file’s permissions',
    EPERM: '没有读取权限 / permission denied; check the file’s permissions',
    EISDIR: '这是一个目录，不是文件 / is a directory; pass the plan file itself',
  };
  return `无法读取 ${path}：${reasons[code] ?? '读取失败 / cannot be read'} (${code})`;
}

function decodeOrRefuse(path: string, bytes: Buffer): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok || hasControlCharacters(decoded.text.slice(0, 4096))) {
    throw new ImportError(
      `${path} 不是文本文件，也不是 .docx / is not text (UTF-8, UTF-16 or GBK) nor .docx; save the plan as .docx or UTF-8 .txt`,
    );
  }
  return decoded.text;
}

/** NUL and the like never appear in text a person wrote; they mean a binary file. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) return true;
  }
  return false;
}

function checkSize(path: string, text: string): void {
  if (text.trim() === '') {
    throw new ImportError(`${path} 是空的，没有任何文字 / is empty; it holds no text to import`);
  }
  if (text.length > MAX_PLAN_CHARS) {
    throw new ImportError(
      `${path} 有 ${text.length.toLocaleString('en')} 个字符，超过上限 ${MAX_PLAN_CHARS.toLocaleString('en')}（一份工作要点通常不到 10 万字），请确认选对了文件，或拆分后分别导入 / has ${text.length.toLocaleString('en')} characters, over the limit of ${MAX_PLAN_CHARS.toLocaleString('en')}; check it is the plan, or split it`,
    );
  }
}

function named(lines: { text: string; where?: string }[]): PlanDocument {
  return { text: lines.map((l) => l.text).join('\n'), lineNames: lines.map((l) => l.where) };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function readDocx(buffer: Buffer): Promise<PlanDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const blocks = blocksOfHtml(html);
  if (hasPlanTable(blocks)) return named(namedDocumentLines(blocks));
  // Paragraph-form plans keep the raw-text path they have always been read by; a Word user
  // counts paragraphs, not lines.
  const { value } = await mammoth.extractRawText({ buffer });
  const text = value.replace(/\n\n/g, '\n');
  let paragraph = 0;
  return {
    text,
    lineNames: text.split('\n').map((l) => (l.trim() === '' ? undefined : `第${++paragraph}段`)),
  };
}
