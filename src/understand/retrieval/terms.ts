/**
 * The terms text is indexed and searched by: overlapping character pairs inside each run of
 * Chinese characters ("预决算公开" → 预决 决算 算公 公开), and whole runs of Latin letters or
 * digits ("app", "13"). Pairs need no dictionary and no native segmenter, and catch a phrase
 * however a question cuts it ("预决算公开检查" still shares 预决, 决算, 公开 with the plan).
 */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[a-z0-9]/;

export function termsOf(text: string): string[] {
  const out: string[] = [];
  const chars = Array.from(text.toLowerCase());
  let latin = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (LATIN.test(c)) {
      latin += c;
      continue;
    }
    if (latin) out.push(latin);
    latin = '';
    const next = chars[i + 1];
    if (HAN.test(c) && next !== undefined && HAN.test(next)) out.push(c + next);
  }
  if (latin) out.push(latin);
  return out;
}

export function isHanPair(term: string): boolean {
  return term.length === 2 && HAN.test(term[0]!) && HAN.test(term[1]!);
}
