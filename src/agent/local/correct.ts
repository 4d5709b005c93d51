// "Undo my last check-in", "that should have been 54", "nhầm, phải là 45": a request to fix or
// retract an earlier check-in, read into a correct_check_in call. It never becomes a new check-in.

import { findDate } from "./dates.js";
import { EXPECTATION } from "./guard.js";
import { findConfidence, findKrRef, findNumbers, folded, foldSameLength, without } from "./parse.js";
import type { DirectoryKr, KrDirectory } from "./directory.js";

export interface CorrectionPlan {
  toolName: "correct_check_in";
  input: Record<string, unknown>;
  /** Several KRs fit the words or the person named ("undo Tomasz's check-in"): ask, never guess. */
  candidates?: DirectoryKr[];
}

// Taking a check-in back. "delete"/"remove"/"cancel" alone could be about anything, so they need a
// check-in word or a check-in just logged; "undo"/"retract" and "scratch that" are enough.
const RETRACT_ALWAYS = /\b(undo|retract|revert|scratch that|roll ?back|take (?:it|that) back|(?:kill|nix|bin|ditch|toss) (?:that|it|this)(?: one)?|hoan tac)\b/;
const RETRACT_MAYBE = /\b(delete|remove|cancel|drop|discard|scratch|xoa|huy|bo (?:di|no|cai)|go bo)\b/;
const CHECK_IN_WORDS = /\b(check.?ins?|checkin|entry|entries|update|log|logged|cap nhat|vua roi|vua nhap|vua log|moi nhat|gan nhat|lan cuoi|lan truoc)\b/;
// Fixing one: the value (or confidence, date) it should have had. "wrong" alone is no fix: "the
// 32% came from the wrong campaign" says why, not what.
// Right after a check-in, an apology with a number is a fix too ("sorry, confidence is 3").
const FIX_AFTER_LOG = /\b(sorry|sry|xin loi|a sorry|my bad|i mean)\b/;
const FIX =
  /\b(should (?:have )?been|should'?ve been|shoulda been|should be|should read|wait,? no|no,? it'?s|misread|mis-?typed|typed wrong|fat.?finger(?:ed)?|meant|i mean|correction|correct (?:it|that|this)|fix (?:it|that|this)|(?:is|was|it'?s|that'?s|thats|looks|got (?:it|that)) wrong|wrong (?:number|value|figure|one|entry|check.?in|kr)|typo|mistake|mistyped|oops|actually|not \d|nham|sua lai|sua thanh|phai la|dung ra|dung la|moi dung|sai roi|bi sai|nhap sai|chu khong phai|khong phai)\b/;

/** Whether a (folded) message fixes or takes back a check-in, by its words alone. */
export const soundsLikeCorrection = (f: string): boolean => RETRACT_ALWAYS.test(f) || FIX.test(f);

/** Numbers the person says a check-in was NOT ("41.5 not 42", "44 chứ không phải 43"). */
function negated(t: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of t.matchAll(/\b(?:not|instead of|chứ không phải|chu khong phai|không phải|khong phai|thay vì|thay vi)\s+([-+]?\d[\d.,]*\s?\w{0,6})/giu))
    out.push({ start: m.index! + m[0].length - m[1]!.length, end: m.index! + m[0].length });
  return out;
}

/**
 * A correction request, or null when the message is not one. `previousKr` is the KR the person
 * logged in their previous message (so "that should have been 54" fixes that one).
 */
export function readCorrection(t: string, dir: KrDirectory | undefined, previousKr: string | null, today?: string | null): CorrectionPlan | null {
  const f = folded(t);
  // "scratch that, 54.2 mới đúng": taken back and replaced by the right value, which is a fix.
  const replaced =
    /\b(moi dung|moi chinh xac|should (?:have )?be(?:en)?|should'?ve been|phai la|dung ra la|dung la|actually|is right|it'?s|it is)\b/.test(f) &&
    /\d/.test(f.replace(/\bkr\s?\d+(?:\s?\.\s?\d+)?\b/g, " ").replace(/\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g, " "));
  const retract =
    !replaced && (RETRACT_ALWAYS.test(f) || (RETRACT_MAYBE.test(f) && (CHECK_IN_WORDS.test(f) || previousKr !== null) && !/\b(objective|muc tieu|key result|kr moi)\b/.test(f)));
  // "coverage should be at 45 by now": where it ought to be, not a check-in that was wrong.
  const expectation = EXPECTATION.test(f) || /\bon pace\b/.test(f);
  const fixing = !retract && !expectation && (FIX.test(f) || (previousKr !== null && FIX_AFTER_LOG.test(f)));
  if (!retract && !fixing) return null;
  const ref = findKrRef(t);
  const confidence = findConfidence(t);
  // "the check-in of 20/11 was wrong": a date names which check-in, it is no value.
  const dated = findDate(t, today);
  const not = [...negated(t), ...(dated ? [dated] : [])];
  const numbers = findNumbers(t).filter(
    (n) =>
      !(ref && n.start >= ref.start && n.end <= ref.end) &&
      !(confidence && n.start >= confidence.start && n.end <= confidence.end) &&
      !not.some((x) => n.start >= x.start && n.start < x.end),
  );
  if (fixing && numbers.length === 0 && !confidence) return null;
  const named = ref ? [] : (dir?.matchKr(without(t, [...numbers, confidence, ...not.map((x) => ({ value: 0, ...x }))])) ?? []);
  // The KR just logged beats a name match on words like "sorry" or "chứ".
  // A person named instead of a KR ("xoá check-in của Tomasz"): that person's KRs.
  const owner = !ref && !previousKr && named.length !== 1 ? dir?.findOwner(t) : undefined;
  const owned = owner ? (dir?.krs.filter((k) => k.owner === owner) ?? []) : [];
  const fitting = named.length > 1 ? named : owned;
  const keyResult = ref?.value ?? previousKr ?? (named.length === 1 ? named[0]!.ref : owned.length === 1 ? owned[0]!.ref : null);
  // Without a KR, the tool takes the check-in written last, whoever's it is: right for "undo
  // that", wrong when the words point at several KRs.
  if (!keyResult && fitting.length > 1) return { toolName: "correct_check_in", input: {}, candidates: fitting };
  const input: Record<string, unknown> = keyResult ? { keyResult } : {};
  if (dated?.date) input.of = dated.date;
  if (retract) return { toolName: "correct_check_in", input: { ...input, retract: true } };
  // The right value is the one said after "should be" / "actually" / "đúng ra là", not the wrong
  // one the message quotes first ("ghi 43600 là sai, đúng ra là 43100").
  const fs = foldSameLength(t);
  const cued = numbers.filter((n) => /\b(?:be|been|read|is|it'?s|actually|meant|mean|la|thanh|ra la|phai la|dung la|->|→)\s*$/.test(fs.slice(0, n.start)));
  const value = cued.at(-1) ?? numbers.find((n) => !/^\s*\p{L}{0,8}\s*(?:la sai|is wrong|was wrong|sai)\b/u.test(fs.slice(n.end))) ?? numbers[0];
  if (value) {
    let v = value.value.value;
    const kr = keyResult ? dir?.byRef(keyResult) : undefined;
    // 0.52 on a percent KR whose range lies above 1 can only mean 52%.
    if (kr && kr.unit === "%" && !value.value.percent && v > 0 && v < 1 && Math.min(kr.current, kr.target) >= 1) v = Number((v * 100).toPrecision(12));
    input.value = v;
  }
  if (confidence) input.confidence = confidence.value;
  return { toolName: "correct_check_in", input };
}
