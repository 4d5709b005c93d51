// Step 2 of understanding: a message cut into the requests it holds. Connectors ("and then",
// "tiện thể", ", cho mình hỏi"), one update per line, several values for several KRs in one
// sentence ("NPS 53 conf 2, CSAT 88 conf 4"), refs typed one after another ("KR4.2 97,8 KR4.3 43").

import { soundsLikeCorrection } from "./correct.js";
import type { KrDirectory } from "./directory.js";
import { blankQuotes } from "./guard.js";
import { findConfidence, findKrRef, findNote, findNumbers, folded, foldSameLength, without } from "./parse.js";

const CONNECTOR =
  /\s*(?:[,;.]\s*)?(?:\b(?:and then|then|and also|also|plus|after that|sau do|xong roi|xong(?= cho| thi| critique| danh gia| xem| tom tat| bao cao)|roi thi|roi cho|roi xem|r cho|r xem|va cho|va xem|a voi lai|voi lai|nhan tien|tien)\b|\b(?:and|va)\s+(?=(?:tell|show|what|which|how|give|list|log|update|set|check|ghi|cap nhat|cho minh|xem|bao cao|chuyen|doi|sua|them|tao|giao)\b)|,\s*(?:and|va)\s+|,\s*(?=(?:cho (?:minh |em |anh |chi |tui )?hoi|hoi luon|xem giup|xem luon|tell me|show me|what'?s|which)\b)|\.\s+(?=(?:tell|show|what|which|how|give|list|log|update|set|check|write|then|also|who|cho minh|cho xem|xem|tien|viet|bao cao|tom tat|con)\b)|[;—–]|\s&\s|\s\+\s)\s*/giu;

/** A list of updates, one per line ("Weekly update:\n- NPS 53\n- CSAT 88"): each line is a part;
 *  a heading line with no number of its own ("Weekly update:") is not. */
export function lines(t: string): string[] | null {
  const all = t
    .split(/\n+/)
    .map((l) => l.replace(/^\s*(?:[-*•·–]|\d+[.)])\s+/, "").trim())
    .filter(Boolean);
  // "conf như cũ" / "confidence unchanged" under the list: the tool keeps the last confidence anyway.
  const items = all.filter(
    (l, i) =>
      !(i === 0 && /[:：]\s*$/.test(l) && !/\d/.test(l)) &&
      !/^(?:conf|confidence|do tu tin|tu tin|do tin cay|tin cay)\b.*\b(?:nhu cu|van vay|van the|giu nguyen|same|unchanged|as before|as is)\b/.test(folded(l)),
  );
  // A pasted objective with its KRs, or a new one to create, is one request, not a list of values.
  const f = folded(t);
  if (
    /\b(objective|muc tieu|okrs?|critique|review(?! time)|draft|create|new kr|add (?:a |an |one )?(?:kr|key result|objective)|tao (?:muc tieu|kr)|them kr|danh gia)\b|^\s*>|^\s*(?:o\d*|obj|kr\s?\d*)\s*[:.)]/m.test(
      f,
    ) ||
    /\bfrom\b.*\bto\b|\btu\b.*\b(?:len|xuong)\b/.test(f)
  )
    return null;
  const reports = items.filter((l) => /\d/.test(l) && l.split(/\s+/).length <= 10);
  return items.length >= 2 && reports.length >= 2 ? items : null;
}

/** The message cut at connectors, when each part reads as a request of its own. */
export function clauses(t: string): string[] {
  const listed = lines(t);
  if (listed) return listed;
  const parts: string[] = [];
  let last = 0;
  // Same length as the text (offsets hold), quoted passages blanked (a quote is never cut up).
  const f = foldSameLength(blankQuotes(t, "_"));
  for (const m of f.matchAll(CONNECTOR)) {
    const piece = t.slice(last, m.index).trim();
    if (piece) parts.push(piece);
    last = m.index! + m[0].length;
  }
  const tail = t.slice(last).trim();
  if (tail) parts.push(tail);
  return parts.length > 1 && parts.every((p) => p.split(/\s+/).length >= 2) ? parts : [t];
}

/** Several values for several KRs in one message: "NPS 53 conf 2, CSAT 88 conf 4". */
export function valueSegments(t: string, dir: KrDirectory | undefined): string[] | null {
  // "the 13/11 check-in of KR4.1 was typed wrong, it is 67 bug": one correction, not two values.
  if (soundsLikeCorrection(folded(t))) return null;
  const segs = t
    .split(/[,;]\s+|\s+(?:and|và|va)\s+|\s+[/|]\s+/iu)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segs.length < 2) return null;
  // A value is a number that is not a confidence and not in a note ("tự tin 4. note: …email…").
  const valueOf = (s: string) => {
    const note = findNote(s);
    const head = note ? s.slice(0, note.start) : s;
    const c = findConfidence(head);
    // Digits only: "expansion from two enterprise accounts" is a note, not a value.
    return findNumbers(c ? without(head, [c]) : head).filter((n) => /\d/.test(n.value.raw));
  };
  const withValue = segs.filter((s) => valueOf(s).length > 0);
  // A segment's name is read with and then without its value ("chu kỳ bán hàng còn 34 ngày": 34
  // days is the value, not a "34-day" qualifier).
  const krOf = (s: string) => {
    const m = dir?.matchKr(s) ?? [];
    return m.length ? m : (dir?.matchKr(without(s, valueOf(s))) ?? []);
  };
  const named = withValue.filter((s) => findKrRef(s) || krOf(s).length === 1);
  if (!(named.length >= 2 && named.length === withValue.length)) return null;
  // Each value for a KR of its own: "KR9.4 50%, …, met 2 big accounts at the QBR" is one check-in
  // and its note, not two values for KR9.4.
  const krs = named.map((s) => findKrRef(s)?.value.toUpperCase() ?? krOf(s)[0]?.ref);
  if (new Set(krs).size < krs.length) return null;
  // "…, both with confidence 4" / "… Confidence 4 on both.": a confidence said for all of them.
  const forAll = segs.find((s) => findConfidence(s) && /\b(both|each|all|all of them|ca hai|tat ca|moi cai)\b/.test(folded(s)));
  if (forAll) {
    const c = findConfidence(forAll)!;
    const strip = (s: string) => (s === forAll ? without(s, [c]).replace(/\b(?:on|for|cho)?\s*(?:both|each|all|all of them|cả hai|ca hai|tất cả|tat ca)\b/giu, " ") : s);
    return withValue.map((s) => `${strip(s).trim()}${findConfidence(strip(s)) ? "" : `, confidence ${c.value}`}`);
  }
  const shared = segs.filter((s) => !withValue.includes(s) && findConfidence(s) && !findKrRef(s));
  if (!shared.length) return segs;
  const c = findConfidence(shared.at(-1)!)!.value;
  return withValue.map((s) => (findConfidence(s) ? s : `${s}, confidence ${c}`));
}

/** "KR4.2 97,8 KR4.3 43": refs one after another, each with its value, no separator between. */
export function refSegments(t: string): string[] | null {
  const refs = [...t.matchAll(/\bKR\s?\d+\s?\.\s?\d+\b/gi)];
  if (refs.length < 2 || /[,;]\s|\s(?:and|và|va)\s/iu.test(t)) return null;
  const parts = refs.map((m, i) => t.slice(m.index, refs[i + 1]?.index ?? t.length).trim());
  if (refs[0]!.index! > 0 && t.slice(0, refs[0]!.index).trim()) parts[0] = `${t.slice(0, refs[0]!.index).trim()} ${parts[0]}`;
  return parts.every((p) => /\d/.test(p.replace(/\bKR\s?\d+\s?\.\s?\d+\b/i, ""))) ? parts : null;
}
