/** An image or file uploaded to the stand-in (by the bot through the API, or by a user's message). */
export interface StoredResource {
  key: string;
  kind: 'image' | 'file';
  bytes: Buffer;
  /** Files only: the name the uploader gave. */
  fileName?: string;
  /** Files only: Lark's file_type (xls, pdf, stream…). */
  fileType?: string;
}

/** Lark's upload limits: images 10 MB, files 30 MB, neither empty. */
export const IMAGE_LIMIT_BYTES = 10 * 1024 * 1024;
export const FILE_LIMIT_BYTES = 30 * 1024 * 1024;

/**
 * Uploaded bytes by key. Keys look like Lark's (`img_v3_…`, `file_v3_…`) so code that checks a
 * prefix behaves as it would against Lark. Local mode keeps them for the life of the process.
 */
export class ResourceStore {
  private readonly byKey = new Map<string, StoredResource>();
  private counter = 0;

  put(input: Omit<StoredResource, 'key'>): StoredResource {
    const serial = (++this.counter).toString(16).padStart(12, '0');
    const key = input.kind === 'image' ? `img_v3_standin_${serial}` : `file_v3_standin_${serial}`;
    const resource: StoredResource = { key, ...input };
    this.byKey.set(key, resource);
    return resource;
  }

  get(key: string): StoredResource | undefined {
    return this.byKey.get(key);
  }
}

/** The key a message's content names: `image_key` of an image message, `file_key` of a file one. */
export function resourceKeyOf(msgType: string, content: unknown): string | undefined {
  if (typeof content !== 'object' || content === null) return undefined;
  const record = content as Record<string, unknown>;
  const key = msgType === 'image' ? record.image_key : msgType === 'file' ? record.file_key : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** The image's MIME type from its first bytes, or undefined when it is not an image Lark takes. */
export function imageMimeType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  return undefined;
}
