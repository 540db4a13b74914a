import type { Logger } from 'pino';
import type { ShareFile } from '../bot/shared-file.js';
import type { Outbox } from '../lark/outbox.js';
import type { FileUpload } from '../lark/upload-resource.js';

/**
 * Sends a file the bot shares: uploaded with `im/v1/files`, then a file message replying to the
 * message that asked, through the outbox (its rate limits, retries and uuid dedupe). A failure is
 * logged here — the command only tells the asker it did not go — and thrown on.
 */
export function fileSharer(
  upload: (file: FileUpload) => Promise<string>,
  outbox: Outbox,
  logger: Logger,
): ShareFile {
  return async (file) => {
    try {
      const fileKey = await upload({ name: file.name, bytes: file.bytes, type: file.type });
      await outbox.reply({
        messageId: file.replyTo,
        chatId: file.chatId,
        msgType: 'file',
        content: { file_key: fileKey },
        key: file.key,
      });
    } catch (error) {
      logger.warn(
        { err: error, chatId: file.chatId, key: file.key, bytes: file.bytes.length },
        'a shared file was not sent',
      );
      throw error;
    }
  };
}
