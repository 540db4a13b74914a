import type { Outbox } from '../lark/outbox.js';
import type { FileUpload } from '../lark/upload-resource.js';
import type { Evidence } from '../store/store.js';

/** How the App reaches Lark's resources: a message's file or image, and uploads of the bot's own. */
export interface ResourceAccess {
  download(messageId: string, key: string, kind: 'file' | 'image'): Promise<Buffer>;
  uploadFile(file: FileUpload): Promise<string>;
  uploadImage(bytes: Buffer): Promise<string>;
}

/** Sends copies of one piece of evidence to people; `key` names the logical message for the outbox. */
export type CopyEvidence = (evidence: Evidence, openIds: readonly string[], key: string) => Promise<void>;

/**
 * A file or image a section head sent is Lark's only together with the message that carried it:
 * to show it to the admins who verify (销号), the bot downloads it (im:resource), uploads it as
 * its own and sends it to each of them, through the outbox.
 */
export function evidenceCopier(resources: ResourceAccess, outbox: Pick<Outbox, 'send'>): CopyEvidence {
  return async (evidence, openIds, key) => {
    if (openIds.length === 0) return;
    const bytes = await resources.download(evidence.messageId, evidence.key, evidence.kind);
    const content =
      evidence.kind === 'file'
        ? { file_key: await resources.uploadFile({ name: evidence.name, bytes, type: 'stream' }) }
        : { image_key: await resources.uploadImage(bytes) };
    await Promise.all(
      openIds.map((openId) =>
        outbox.send({ openId, msgType: evidence.kind, content, key: `${key}:${openId}` }),
      ),
    );
  };
}
