import { DubanError } from '../errors.js';

/** The document cannot become a plan; the message says which line and what to change. */
export class ImportError extends DubanError {
  constructor(message: string) {
    super('IMPORT', message, { badInput: true });
  }
}

/** What a warning is about, so `duban import --report` can group them. */
export type WarningKind =
  | 'no-lead'
  | 'deadline-unread'
  | 'deadline-other-year'
  | 'stray-text'
  | 'task-before-chapter';

/** A line the importer kept going past; printed on stderr so that no text is lost silently. */
export interface ImportWarning {
  line: number;
  text: string;
  message: string;
  kind?: WarningKind;
  /** Where the user finds the line: "第12行", or "表1 第3行" for a table row. */
  where?: string;
}
