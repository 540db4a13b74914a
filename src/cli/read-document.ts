import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { documentLines, hasPlanTable } from '../plan/import/table-rows.js';
import { ImportError } from '../plan/import-error.js';
import { blocksOfHtml } from './docx-html.js';

/**
 * The text of a plan document: plain text (UTF-8, with or without BOM) or .docx, which is how
 * these plans circulate. A .docx paragraph becomes one line; a plan written as a table (序号 |
 * 工作任务 | 牵头科室 | …) becomes one line per row in the importer's own item form.
 */
export async function readPlanDocument(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ImportError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (extname(path).toLowerCase() === '.docx') {
    try {
      return await readDocx(bytes);
    } catch (error) {
      throw new ImportError(`${path} is not a readable .docx file (${(error as Error).message})`);
    }
  }
  if (extname(path).toLowerCase() === '.doc') {
    throw new ImportError(`${path}: the old .doc format is not supported; save it as .docx or .txt`);
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new ImportError(`${path} is not UTF-8 text; save it as UTF-8 (or .docx) and import again`);
  }
  return text;
}

async function readDocx(buffer: Buffer): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const blocks = blocksOfHtml(html);
  if (hasPlanTable(blocks)) return documentLines(blocks).join('\n');
  // Paragraph-form plans keep the raw-text path they have always been read by.
  const { value } = await mammoth.extractRawText({ buffer });
  return value.replace(/\n\n/g, '\n');
}
