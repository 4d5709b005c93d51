// Typing slips in the words the understanding keys on ("whcih KR is lagign", "confidnce 4",
// "retnetion"): a word one edit away (two from nine letters on) from exactly one known word, and not a
// word itself, is read as that word. Known words: the request words below and the workspace's
// own title words. Vietnamese words are short and close to each other, so only words of five or
// more letters are touched.

import { editDistance } from "../../domain/edit-distance.js";
import type { KrDirectory } from "./directory.js";
import { detectLang } from "./lang.js";
import { folded, QUOTED } from "./parse.js";

const REQUEST_WORDS = (
  "which what lagging lagged behind worried concerned struggling trouble confidence confident target targets objective objectives " +
  "update updated record check checkin progress status summary summarize critique review weekly report retention revenue churn " +
  "conversion velocity coverage onboarding owner rename reassign correct should undo translate explain tracking doing going " +
  "lowest highest worst furthest regressed backwards stale please actually instead target create taking handing deadline " +
  "yesterday monday tuesday wednesday thursday friday saturday sunday scratch"
).split(" ");

const GUESSABLE = [...new Set(REQUEST_WORDS)];

/** Words that are already right (or too short to guess at) are left as they are. */
const COMMON = new Set(
  (
    "about after again their there these those thing think where while would could should which whose other every never maybe " +
    "today yesterday really still since until being doing going having making taking please thanks logging logged"
  ).split(" "),
);

/** A known word with an ending ("emails", "updated", "targets") is a word, not a slip. */
function inflected(w: string, known: Set<string>): boolean {
  return ["s", "es", "ed", "d", "ing", "er", "ly"].some((end) => w.endsWith(end) && known.has(w.slice(0, -end.length)));
}

// Short request words people clip or slip on: too short for the edit-distance rule, so listed.
const SHORT_SLIPS: Record<string, string> = { undr: "under", giv: "give", gve: "give", lgo: "log", updt: "update", upd8: "update", chnge: "change", trgt: "target", tgt: "target" };

/** `text.replace(re, fix)`, leaving quoted passages as written: they are the person's own wording
 *  (a title, a pasted note), never corrected. */
function replaceOutsideQuotes(text: string, re: RegExp, fix: (word: string) => string): string {
  const quoted = [...text.matchAll(QUOTED)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return text.replace(re, (word: string, at: number) => (quoted.some(([from, to]) => at >= from && at < to) ? word : fix(word)));
}

// Vietnamese words that fold (accents dropped) onto a different word the understanding keys on:
// "chạm" (reached) would read as "chậm" (behind). Said with accents, they are rewritten to a word
// of the same meaning that folds apart.
const FOLD_CLASHES: [RegExp, string][] = [[/(?<!\p{L})chạm(?!\p{L})/gu, "đạt"]];

export function fixTypos(text: string, dir: KrDirectory | undefined): string {
  for (const [re, to] of FOLD_CLASHES) text = replaceOutsideQuotes(text, re, () => to);
  text = replaceOutsideQuotes(text, /(?<![\p{L}\d'’])[a-z\d]{3,5}(?![\p{L}\d'’])/gu, (w) => SHORT_SLIPS[w] ?? w);
  // Vietnamese typed without accents ("chuyen", "nguoi", "truoc") is full of words a short edit
  // away from English ones: there, only longer English-looking words are corrected.
  const vietnamese = detectLang(text, folded(text)) === "vi";
  // The workspace's title words are known words too (never "corrected" into something else), but
  // only request words are guessed at: a slip in a KR's name is left to the name matching.
  const known = new Set(REQUEST_WORDS);
  // Team names are guessed at too ("enginering" → engineering).
  const teamWords = (dir?.teams() ?? []).flatMap((team) => folded(team).split(/[^a-z]+/)).filter((w) => w.length >= 6);
  for (const w of teamWords) known.add(w);
  for (const k of dir?.krs ?? []) for (const w of folded(k.title).split(/[^a-z]+/)) if (w.length >= 3) known.add(w);
  return replaceOutsideQuotes(text, /\p{L}{5,}/gu, (word) => {
    const w = word.toLowerCase();
    // Right, a name (capitalised), Vietnamese with accents, or a known word with an ending.
    if (known.has(w) || COMMON.has(w) || /^\p{Lu}/u.test(word) || folded(word) !== w || inflected(w, known)) return word;
    // In Vietnamese, only an English-looking word of six letters or more, one edit away ("targer").
    if (vietnamese && w.length < 6) return word;
    const limit = w.length >= 9 && !vietnamese ? 2 : 1;
    const close = [...GUESSABLE, ...teamWords].filter((v) => Math.abs(v.length - w.length) <= limit && editDistance(w, v) <= limit);
    return close.length === 1 ? close[0]! : word;
  });
}
