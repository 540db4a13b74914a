import type { CommandContext } from './context.js';
import type { Reply } from './reply.js';

/** What a command sees of the message: the normalised text to match, the raw text for notes. */
export interface CommandInput {
  /** normalizeCommandText(raw): half-width, lower case, no punctuation. */
  text: string;
  raw: string;
  /** Page of a list answer, when a page button asked for one. */
  page: number;
}

/**
 * One chat command. `match` decides from the text alone whether the command applies and, if so,
 * returns the work to do — parsing once, with the parsed arguments in the closure.
 */
export interface Command {
  name: string;
  summary: string;
  /** Shown in help; the first is the main form. */
  examples: string[];
  match(input: CommandInput, ctx: CommandContext): (() => Promise<Reply>) | undefined;
}
