/**
 * The bytes of a text file people saved on Windows, as text: UTF-8 (with or without BOM), UTF-16
 * (with a BOM, or without one when every other byte is zero), or GBK/GB18030, which Chinese Windows
 * still writes by default. Callers decide what a non-UTF-8 file means: a plan is read anyway, a
 * config file is refused with "save it as UTF-8" so that every tool reads it the same way.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText = { ok: true; text: string; encoding: TextEncoding } | { ok: false };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeAs(bytes.subarray(3), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeAs(bytes.subarray(2), 'utf-16be');
  const utf8 = decodeAs(bytes, 'utf-8');
  if (utf8.ok && !utf8.text.includes('\0')) return utf8;
  const wide = utf16WithoutBom(bytes);
  if (wide) return decodeAs(bytes, wide);
  return decodeAs(bytes, 'gb18030');
}

/** How a non-UTF-8 encoding is named to a user. */
export function encodingName(encoding: TextEncoding): string {
  return { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', gb18030: 'GBK/GB18030' }[encoding];
}

function decodeAs(bytes: Uint8Array, encoding: TextEncoding): DecodedText {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false };
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 with no BOM: ASCII and CJK text alike leave many zero bytes on one side of each pair. */
function utf16WithoutBom(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const sample = Math.min(bytes.length, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.3 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros === 0) return 'utf-16be';
  return undefined;
}
