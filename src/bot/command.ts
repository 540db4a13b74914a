import type { Intent } from '../understand/intent.js';
import type { Understanding } from '../understand/understand.js';
import type { CommandContext } from './context.js';
import type { Reply } from './reply.js';

/** What a command sees of the message: the normalised text, the raw text for notes. */
export interface CommandInput {
  /** normalizeCommandText(raw): half-width, lower case, no punctuation. */
  text: string;
  raw: string;
  /** Page of a list answer, when a page button asked for one. */
  page: number;
}

/**
 * One answer per intent: understanding has already said what the message asks and about what;
 * the command fetches what the answer needs (occurrence state from the store) and draws it.
 */
export interface Command {
  intent: Intent;
  summary: string;
  /** Shown in help; the first is the main form. */
  examples: string[];
  run(ctx: CommandContext, understood: Understanding, input: CommandInput): Promise<Reply>;
}
