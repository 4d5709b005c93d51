// Changing a key result rather than reporting on it: a new target ("move the NPS target down to 60",
// "nâng target tỷ lệ thắng lên 27%"), a new title ("rename KR4.3 to …"), a new owner ("reassign
// crash-free sessions to Priya"). Read into update_key_result; it never becomes a check-in.

import type { DirectoryKr, KrDirectory } from "./directory.js";
import { findKrRef, findNumbers, folded, foldSameLength, quotedTexts, without, withoutQuotes, type Found } from "./parse.js";

export type UpdateRead =
  | { kind: "update"; keyResult: string; changes: { target?: number; title?: string; owner?: string } }
  /** An update, but which KR (candidates: several match; none: nothing matches) or what value is unclear. */
  | { kind: "ask"; missing: "kr" | "value" | "owner"; candidates: DirectoryKr[]; keyResult?: string };

const TARGET = /\b(target|targets|goal|chi tieu|muc tieu|dich|the bar)\b/;
const TARGET_CHANGE =
  /\b(make it|make|set|change|move|raise|lower|bump|drop|increase|decrease|reduce|cut|adjust|update|revise|push|lift|is now|should be|will be|instead|rather than|should (?:now )?(?:target|aim)|targeting|new|sua|doi|nang|ha|tang|giam|dieu chinh|thanh|gio la|len|xuong|to)\b/;
// "let's aim for 60 on NPS": a new target said without the word.
const AIM = /\b(aim (?:for|at)|target of|goal of|muc tieu moi|chi tieu moi)\b/;
const RENAME = /\b(rename|retitle|reword the title|change the (?:title|name)|new title|title to|title should be|should say|should read as|doi ten|dat lai ten|sua ten|ten moi)\b/;
const OWNER =
  /\b(reassign|hand\b.*\bto|over to|goes to|go to|moves? to|owns\b.*\b(?:from now on|now)|belongs? to|owns (?:it|this|kr\s?\d+\.\d+)? ?now|the (?:new )?owner of|as (?:the )?owner|tak(?:e|es|ing) (?:it |this )?over|chuyen (?!doi\b).*\bcho\b.*\bphu trach|give (?:it|this|.+) to|owner (?:is|to|should be|now)|change the owner|new owner|take(?:s|ing)? over|is taking over|chuyen (?:cho|sang)|chuyen\b(?! doi).*\bcho\b|giao\b.*\bcho\b|(?:se|tu gio|bay gio|tu nay)\b.*\bphu trach\b|\bphu trach (?:thay|moi|tu)|ban giao|phu trach moi|doi owner|owner moi|nguoi phu trach moi|doi nguoi phu trach|thay nguoi phu trach)\b/;

export function isUpdate(f: string): boolean {
  return RENAME.test(f) || OWNER.test(f) || (TARGET.test(f) && TARGET_CHANGE.test(f)) || AIM.test(f);
}

/** The quoted new title, or the words after "to" / "thành". */
function newTitle(t: string): string | null {
  const quoted = quotedTexts(t)[0];
  if (quoted) return quoted;
  // "new title: …" / "tên mới: …": everything after the colon.
  const labelled = /^\s*[:：]\s*(.{3,})$/u.exec(t)?.[1];
  if (labelled) return labelled.trim().replace(/[.!]+$/, "");
  const after = /\b(?:to|into|thành|thanh)\s+(.{3,})$/iu.exec(t)?.[1];
  return after ? after.trim().replace(/[.!]+$/, "") : null;
}

/** The KR an update is about: a ref, else the one KR its words name. */
function whichKr(t: string, dir: KrDirectory | undefined, spans: (Found<unknown> | null)[], newOwnerName?: string): { ref?: string; candidates: DirectoryKr[] } {
  const ref = findKrRef(t);
  if (ref) return { ref: ref.value, candidates: [] };
  // The new owner's name is no KR's name ("hand the retention KR to Bao Le": "le" is in "tỷ lệ").
  let words = withoutQuotes(without(t, spans)).replace(/\b(target|goal|owner|rename|reassign)\b/gi, " ");
  if (newOwnerName) words = words.replace(new RegExp(newOwnerName.split(" ").map(escape).join("|"), "gi"), " ");
  const named = dir?.matchKr(words) ?? [];
  if (named.length === 1) return { ref: named[0]!.ref, candidates: [] };
  // "change Grace's target to 70", "give tomasz's KR to Priya": the owner's KRs, when the words name none.
  const owner = named.length === 0 ? dir?.findOwner(words) : undefined;
  const theirs = owner ? dir!.krs.filter((k) => k.owner === owner) : [];
  return theirs.length === 1 ? { ref: theirs[0]!.ref, candidates: [] } : { candidates: theirs.length ? theirs : named };
}

/** The new target: the number said right after "to" / "thành" / "lên" / "becomes" ("bump the
 *  target to 55, 50 is too easy" is 55), else the last of "from 65 to 60", else the only one. */
function targetValue(t: string, numbers: Found<{ value: number; percent: boolean; raw: string }>[]) {
  const f = foldSameLength(t);
  // The last number said after "to": "sitting at 43.6k … drop the target to 48k" is 48k.
  const after = numbers
    .filter(
      (n) =>
        /(?:\b(?:to|into|thanh|len|xuong|xuon|becomes?|be|is now|con|(?:target|goal) of|aim for|aim at)|=)\s*(?:[$€£]\s*)?$/.test(f.slice(0, n.start)) &&
        !/\b(?:instead of|not)\s*$/.test(f.slice(0, n.start)),
    )
    .at(-1);
  if (after) return after;
  const not = numbers.filter(
    (n) => !/^\s*\p{L}{0,6}\s*(?:is too|was|not|ko|khong|chua|kho)\b/u.test(f.slice(n.end)) && !/\b(?:instead of|not|than|from|tu|dang)\s*$/.test(f.slice(0, n.start)),
  );
  return not.at(-1) ?? numbers.at(-1);
}

export function readUpdate(t: string, dir: KrDirectory | undefined): UpdateRead | null {
  const f = folded(t);
  const renaming = RENAME.test(f);
  const reowning = OWNER.test(f);
  const retargeting = (TARGET.test(f) && TARGET_CHANGE.test(f)) || AIM.test(f);
  if (!renaming && !reowning && !retargeting) return null;
  const changes: { target?: number; title?: string; owner?: string } = {};
  // A title first: its numbers ("… from 96% to 99.5%") and words are not the target or the KR.
  const title = renaming
    ? newTitle(t.replace(/^.*\b(rename|retitle|đổi tên|doi ten|đặt lại tên|dat lai ten|sửa tên|sua ten|new title|tên mới|ten moi|should say|title to|title)\b/iu, ""))
    : null;
  if (title) changes.title = title;
  const rest = title ? t.replace(title, " ") : t;
  // The new owner, and an owner whose KR is meant ("give tomasz's KR to Priya Raman").
  const owner = reowning ? newOwner(rest, dir) : undefined;
  if (owner) changes.owner = owner;
  const ref = findKrRef(rest);
  const numbers = findNumbers(rest).filter((n) => !(ref && n.start >= ref.start && n.end <= ref.end));
  const kr = whichKr(rest, dir, [...numbers, ref], owner);
  if (!kr.ref) return { kind: "ask", missing: "kr", candidates: kr.candidates };
  if (retargeting) {
    const value = targetValue(rest, numbers);
    if (value) {
      let target = value.value.value;
      const k = dir?.byRef(kr.ref);
      if (k && k.unit === "%" && !value.value.percent && target > 0 && target < 1 && Math.min(k.current, k.target) >= 1) target = Number((target * 100).toPrecision(12));
      changes.target = target;
    } else if (!renaming && !reowning) return { kind: "ask", missing: "value", candidates: [], keyResult: kr.ref };
  }
  if (renaming && !title) return { kind: "ask", missing: "value", candidates: [], keyResult: kr.ref };
  if (reowning && !owner) return { kind: "ask", missing: "owner", candidates: [], keyResult: kr.ref };
  return { kind: "update", keyResult: kr.ref, changes };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The person a KR goes to: the full name said after "to" / "cho", else the one owner named. */
function newOwner(t: string, dir: KrDirectory | undefined): string | undefined {
  if (!dir) return undefined;
  // A full name right before "phụ trách" / "làm owner" / "will own" is the new owner, known or not.
  const before = /(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){1,3})\s+(?:se\s+|sẽ\s+|will\s+)?(?:phụ trách|phu trach|làm owner|lam owner|own|owns|will own|takes over)\b/u.exec(t)?.[1];
  if (before) return dir.findOwner(before) ?? before;
  const after = /\b(?:to|cho|sang|is|:)\s+(\p{L}+(?:\s+\p{L}+){0,2})/giu;
  for (const m of t.matchAll(after)) {
    const o = dir.findOwner(m[1]!);
    if (o) return o;
  }
  const known = dir.findOwner(t.replace(/\b\p{L}+['’]s\b/gu, " "));
  if (known) return known;
  // Someone new to the workspace: a full name written as one ("chị Nguyễn Thị Mai phụ trách",
  // "hand it to Jane Doe"), never a single word that could be anything.
  const named = /(?:\b(?:to|cho|chị|chi|anh|em|bạn|ban|is|owner)\s+)(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){1,3})/u.exec(t);
  return named?.[1];
}
