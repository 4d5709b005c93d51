// "Did you mean …?" for mistyped commands and options: the closest known name by edit distance.

import { editDistance } from "../domain/edit-distance.js";

export { editDistance };

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
