import type { LarkFileType } from '../lark/upload-resource.js';

/** A file the bot sends into a chat: uploaded to Lark, then sent as a file message replying to `replyTo`. */
export interface SharedFile {
  chatId: string;
  /** The message asking for it: the file answers in its thread. */
  replyTo: string;
  /** The name the chat shows. */
  name: string;
  bytes: Buffer;
  type: LarkFileType;
  /** The logical message (its Lark uuid), so Lark's retry of the same event sends it once. */
  key: string;
}

/** How the App sends a SharedFile; absent where no Lark client can upload (some tests, the CLI). */
export type ShareFile = (file: SharedFile) => Promise<void>;
