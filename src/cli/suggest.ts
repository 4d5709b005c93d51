// "Did you mean …?" for mistyped commands and options: the closest known name by edit distance.

/** Levenshtein distance with adjacent swaps counted as one edit ("lagigng" is one away). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name `input` most likely meant: the closest within a third of its length (at least
 * one edit, so "tre" finds "tree"), else the only name it is the start of ("lag" → "lagging").
 * Null when nothing is close enough to be a fair guess.
 */
export function closest(input: string, names: readonly string[]): string | null {
  const q = input.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const dist = editDistance(q, name.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [name, dist];
  }
  if (best !== null && bestDistance <= Math.max(1, Math.floor(q.length / 3))) return best;
  const prefixed = q.length >= 2 ? names.filter((n) => n.toLowerCase().startsWith(q)) : [];
  return prefixed.length === 1 ? prefixed[0]! : null;
}
