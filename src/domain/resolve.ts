// Resolve what a person typed (id, ref or a name fragment) to exactly one item, or explain why not.

import { OkrError, type Candidate } from "./errors.js";
import { compareRefs } from "./lagging.js";
import { normalizeRef } from "./refs.js";

export interface Resolvable {
  id: string;
  ref: string;
  title: string;
}

/** Lower-case, strip accents (Vietnamese included, đ → d) and collapse spaces, for fragment matching. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether two titles name the same objective or KR, for an import that meets a stored item under
 * the same ref. Equal after folding case, whitespace and accents (foldText) and after reading every
 * number (with a k/M/bn after it) as the same placeholder: titles restate their numbers ("Raise NPS
 * from 48 to 65"), and an edited start or target is an update, not another KR. Any other word
 * changed makes a different title (so "30-day" vs "7-day" alone does not: numbers never count).
 */
export function sameTitle(a: string, b: string): boolean {
  // A k/M/bn right after a number is part of it ("$1.2M" and "$1,200,000" are both a number).
  const key = (t: string) => foldText(t).replace(/\d+(?:[.,]\d+)*(?:\s?(?:k|m|bn|b)(?![a-z]))?/g, "#");
  return key(a) === key(b);
}

/**
 * Exact id, then exact ref (case-insensitive), then a fragment of the title: a unique fragment
 * resolves, several matches are an `ambiguous` error listing them in ref order, none is `not_found`.
 */
export function resolveOne<T extends Resolvable>(items: readonly T[], query: string, what: string): T {
  const q = query.trim();
  if (!q) throw new OkrError("invalid_input", `Say which ${what}: give its ref (e.g. KR2.1), id or part of its title.`);
  const byId = items.find((i) => i.id === q);
  if (byId) return byId;
  const ref = normalizeRef(q);
  const byRef = items.find((i) => normalizeRef(i.ref) === ref);
  if (byRef) return byRef;
  const folded = foldText(q);
  const matches = items.filter((i) => foldText(i.title).includes(folded)).sort((a, b) => compareRefs(a.ref, b.ref));
  if (matches.length === 1) return matches[0] as T;
  if (matches.length > 1) {
    const candidates: Candidate[] = matches.map((m) => ({ id: m.id, ref: m.ref, title: m.title }));
    throw new OkrError("ambiguous", `"${q}" matches ${matches.length} ${what}s: ${candidates.map((c) => `${c.ref} (${c.title})`).join(", ")}. Use a ref to pick one.`, {
      candidates,
    });
  }
  throw new OkrError("not_found", `No ${what} matches "${q}". Use a ref such as ${items[0]?.ref ?? "KR1.1"}, or run \`okr tree\` to see them.`);
}
