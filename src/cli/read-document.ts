import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { ImportError } from '../plan/import-error.js';

/**
 * The text of a plan document: plain text (UTF-8, with or without BOM) or .docx, which is how
 * these plans circulate. A .docx paragraph becomes one line.
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
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      return value.replace(/\n\n/g, '\n');
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
