// Resolve what a person typed (id, ref or a name fragment) to exactly one item, or explain why not.

import { editDistance } from "./edit-distance.js";
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

/** At most this many closest items come with a not_found error: enough to pick from, short to read. */
export const MAX_CLOSEST = 5;

const REF_SHAPE = /^(?:KR(\d+)\.\d+|O\d+)$/;
/** Words that say nothing about which KR is meant; words under 3 letters are dropped as well. */
const FILLER = new Set(["the", "and", "for", "from", "with", "into", "our", "per", "cua", "cac", "nhung", "mot", "len", "xuong"]);

const words = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !FILLER.has(w));

/** The same word, give or take an ending ("conversion"/"conversions") or one typo ("velocityy"). */
function sameWord(a: string, b: string): boolean {
  const short = Math.min(a.length, b.length);
  if (a === b || (short >= 4 && (a.startsWith(b) || b.startsWith(a)))) return true;
  return short >= 5 && Math.abs(a.length - b.length) <= 1 && editDistance(a, b) <= 1;
}

/**
 * The items a query that matched nothing most likely meant, in ref order, at most MAX_CLOSEST;
 * none when nothing is close. A KR ref finds the KRs of its objective (KR2.4 → KR2.1–KR2.3), or
 * when that objective has none, the refs one edit away (KR77.1 → KR7.1; O12 → O1, O2). Words find
 * titles sharing them, a word counting more the fewer titles have it ("velocity" over "increase"),
 * keeping the items scoring at least half the best.
 */
export function closestItems<T extends Resolvable>(items: readonly T[], query: string): T[] {
  const q = normalizeRef(query);
  const shape = REF_SHAPE.exec(q);
  let found: T[];
  if (shape) {
    const siblings = shape[1] === undefined ? [] : items.filter((i) => normalizeRef(i.ref).startsWith(`KR${shape[1]}.`));
    found = siblings.length ? siblings : items.filter((i) => editDistance(normalizeRef(i.ref), q) <= 1);
  } else {
    const titles = items.map((i) => words(i.title));
    const score = new Array<number>(items.length).fill(0);
    for (const w of new Set(words(query))) {
      const hits = titles.flatMap((t, n) => (t.some((x) => sameWord(w, x)) ? [n] : []));
      for (const n of hits) score[n]! += 1 / hits.length;
    }
    const best = score.reduce((a, b) => Math.max(a, b), 0);
    const kept = best > 0 ? score.flatMap((v, n) => (v >= best / 2 ? [n] : [])) : [];
    found = kept
      .sort((a, b) => score[b]! - score[a]! || a - b)
      .slice(0, MAX_CLOSEST)
      .map((n) => items[n]!);
  }
  return found.sort((a, b) => compareRefs(a.ref, b.ref)).slice(0, MAX_CLOSEST);
}

const asCandidate = (m: Resolvable): Candidate => ({ id: m.id, ref: m.ref, title: m.title });
const listed = (cs: readonly Candidate[]) => cs.map((c) => `${c.ref} (${c.title})`).join(", ");

/**
 * Exact id, then exact ref (case-insensitive), then a fragment of the title: a unique fragment
 * resolves, several matches are an `ambiguous` error listing them in ref order, none is `not_found`
 * with the closest items as candidates (see closestItems).
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
    const candidates = matches.map(asCandidate);
    throw new OkrError("ambiguous", `"${q}" matches ${matches.length} ${what}s: ${listed(candidates)}. Use a ref to pick one.`, { candidates });
  }
  const candidates = closestItems(items, q).map(asCandidate);
  const next = candidates.length ? `Closest: ${listed(candidates)}.` : `Use a ref such as ${items[0]?.ref ?? (what === "objective" ? "O1" : "KR1.1")}.`;
  throw new OkrError("not_found", `No ${what} matches "${q}". ${next}`, {
    candidates,
    hint: { cli: "Run `okr tree` to see every ref.", mcp: "Call list_okrs to see every ref." },
  });
}
