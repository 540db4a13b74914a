/**
 * Full-width ASCII (（），：；０-９％) and the ideographic space mapped to their half-width forms,
 * one UTF-16 unit for one, so an index into the normalised text is an index into the original:
 * parsers match on the normalised copy and cut the user's own characters out of the original.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 九十九 → 99; anything else → undefined. */
export function chineseNumeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return undefined;
  const [, tensOrUnit, ten, unit] = m;
  if (!ten) return unit ? undefined : DIGITS[tensOrUnit!];
  return (tensOrUnit ? DIGITS[tensOrUnit]! : 1) * 10 + (unit ? DIGITS[unit]! : 0);
}

export const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
