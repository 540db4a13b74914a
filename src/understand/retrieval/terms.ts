/**
 * The terms text is indexed and searched by: overlapping character pairs inside each run of
 * Chinese characters ("预决算公开" → 预决 决算 算公 公开), and whole runs of Latin letters or
 * digits ("app", "13"). Pairs need no dictionary and no native segmenter, and catch a phrase
 * however a question cuts it ("预决算公开检查" still shares 预决, 决算, 公开 with the plan).
 * Scanned by character code: building the index of a 5,000-item plan reads ~1.5 M characters.
 */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  let latinStart = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLatin(code)) {
      if (latinStart < 0) latinStart = i;
      continue;
    }
    if (latinStart >= 0) out.push(text.slice(latinStart, i).toLowerCase());
    latinStart = -1;
    if (isHan(code) && i + 1 < text.length && isHan(text.charCodeAt(i + 1))) out.push(text.slice(i, i + 2));
  }
  if (latinStart >= 0) out.push(text.slice(latinStart).toLowerCase());
  return out;
}

export function isHanPair(term: string): boolean {
  return term.length === 2 && isHan(term.charCodeAt(0)) && isHan(term.charCodeAt(1));
}

/** CJK unified ideographs (with extension A) and compatibility ideographs, all in the BMP. */
function isHan(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function isLatin(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}
