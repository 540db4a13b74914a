/**
 * "Did you mean" for section names. Chinese section names are short (3–6 characters) and typos
 * are usually one wrong character (监察科 for 监督科) or a shortened form (金融中心 for
 * 金融服务中心), so edit distance over characters, with shared characters breaking ties, works.
 */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number; shared: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const shared = sharedCharacters(name, candidate);
    const limit = Math.max(1, Math.floor(Math.max(length(name), length(candidate)) / 2));
    const close = distance <= limit || candidate.includes(name) || name.includes(candidate);
    if (!close || shared === 0) continue;
    if (!best || distance < best.distance || (distance === best.distance && shared > best.shared))
      best = { candidate, distance, shared };
  }
  return best?.candidate;
}

/** Levenshtein distance over Unicode characters, not UTF-16 units. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length]!;
}

function sharedCharacters(a: string, b: string): number {
  const inB = new Set(b);
  return new Set([...a].filter((c) => inB.has(c))).size;
}

function length(text: string): number {
  return [...text].length;
}
