import { createDecipheriv, createHash } from 'node:crypto';

/** Decrypts Lark's `{"encrypt": base64(IV16 ‖ AES-256-CBC(PKCS7))}` with key SHA-256(encryptKey). Throws on bad input. */
export function decryptEventBody(encrypted: string, encryptKey: string): string {
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || (bytes.length - 16) % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const key = createHash('sha256').update(encryptKey).digest();
  const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}
