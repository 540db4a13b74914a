import { toHalfWidth } from '../plan/import/normalize.js';

/**
 * A chat message reduced to what commands match on: half-width, lower-case Latin, sentence
 * punctuation and @mentions gone, runs of spaces collapsed. "@督办 政金企，谁牵头？" → "政金企 谁牵头".
 */
export function normalizeCommandText(text: string): string {
  return toHalfWidth(text)
    .replace(/@\S+/g, ' ')
    .replace(/[?!,;:。？！，；：、"'“”‘’「」『』【】《》]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
