import { pinyin } from 'pinyin-pro';

/**
 * How a pair of characters sounds, loosely: toneless pinyin with the distinctions many speakers
 * (and their input methods) blur folded together — zh/z, ch/c, sh/s, -ng/-n, l/n — so the typo
 * 政经企 (zheng jing qi) sounds like the plan's 政金企 (zheng jin qi), 隐形 like 隐性,
 * 记帐 like 记账. Read in context (pinyin-pro's word readings), cached per pair.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

export function soundOf(pair: string): string {
  const known = cache.get(pair);
  if (known !== undefined) return known;
  const syllables = pinyin(pair, { toneType: 'none', type: 'array' }) as string[];
  const sound = syllables.map(loosen).join(' ');
  // A pasted essay must not grow the cache without end; the plan's own pairs come first.
  if (cache.size < CACHE_LIMIT) cache.set(pair, sound);
  return sound;
}

function loosen(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n/, 'l')
    .replace(/ng$/, 'n')
    .replace(/v/g, 'u');
}
