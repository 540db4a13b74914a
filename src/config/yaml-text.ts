import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ConfigProblem } from './problem.js';

/**
 * Parses one YAML file's text. Syntax errors become problems with line and column; all of a
 * file's syntax errors are reported, not just the first.
 */
export function parseYamlText(
  file: string,
  text: string,
): { ok: true; data: unknown } | { ok: false; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  // prettyErrors off: the message is ours to format, positions come from the line counter.
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length === 0) return { ok: true, data: doc.toJS() };
  return {
    ok: false,
    problems: doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return {
        file,
        path: '',
        message: `YAML syntax: ${firstLine(error.message)}`,
        fix: fixFor(error),
        line,
        column: col,
      };
    }),
  };
}

function fixFor(error: YAMLError): string {
  if (error.code === 'DUPLICATE_KEY') return 'the key appears twice in this mapping: remove or rename one';
  if (error.code === 'MISSING_CHAR') return 'add the missing closing quote or bracket';
  return 'check the indentation, colons and quotes on this line and the one before';
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
