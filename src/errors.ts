/**
 * duban's coded errors. `badInput` marks errors the user fixes (bad file, bad config): the CLI
 * exits 2 on them and the server refuses to start, printing the message as is.
 */
export class DubanError extends Error {
  readonly code: string;
  readonly badInput: boolean;

  constructor(code: string, message: string, options: { cause?: unknown; badInput?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.badInput = options.badInput ?? false;
  }
}
