// Changing a key result rather than reporting on it: a new target ("move the NPS target down to 60",
// "nâng target tỷ lệ thắng lên 27%"), a new title ("rename KR4.3 to …"), a new owner ("reassign
// crash-free sessions to Priya"). Read into update_key_result; it never becomes a check-in.

import type { DirectoryKr, KrDirectory } from "./directory.js";
import { findKrRef, findNumbers, folded, without, type Found } from "./parse.js";

export type UpdateRead =
  | { kind: "update"; keyResult: string; changes: { target?: number; title?: string; owner?: string } }
  /** An update, but which KR (candidates: several match; none: nothing matches) or what value is unclear. */
  | { kind: "ask"; missing: "kr" | "value" | "owner"; candidates: DirectoryKr[]; keyResult?: string };

const TARGET = /\b(target|targets|goal|chi tieu|muc tieu|dich|the bar)\b/;
const TARGET_CHANGE =
  /\b(make it|set|change|move|raise|lower|bump|drop|increase|decrease|reduce|cut|adjust|update|revise|push|lift|is now|should be|will be|instead|new|sua|doi|nang|ha|tang|giam|dieu chinh|thanh|gio la|len|xuong|to)\b/;
// "let's aim for 60 on NPS": a new target said without the word.
const AIM = /\b(aim (?:for|at)|target of|goal of|muc tieu moi|chi tieu moi)\b/;
const RENAME = /\b(rename|retitle|reword the title|change the (?:title|name)|doi ten|dat lai ten|sua ten)\b/;
const OWNER =
  /\b(reassign|hand\b.*\bto|over to|belongs? to|owns (?:it|this|kr\s?\d+\.\d+)? ?now|the (?:new )?owner of|as (?:the )?owner|tak(?:e|es|ing) (?:it |this )?over|chuyen (?!doi\b).*\bcho\b.*\bphu trach|give (?:it|this|.+) to|owner (?:is|to|should be|now)|change the owner|new owner|take(?:s|ing)? over|is taking over|chuyen (?:cho|sang)|giao (?:cho|lai cho)|ban giao|phu trach moi|doi owner|owner moi|nguoi phu trach moi|doi nguoi phu trach|thay nguoi phu trach)\b/;

export function isUpdate(f: string): boolean {
  return RENAME.test(f) || OWNER.test(f) || (TARGET.test(f) && TARGET_CHANGE.test(f)) || AIM.test(f);
}

/** The quoted new title, or the words after "to" / "thành". */
function newTitle(t: string): string | null {
  const quoted = /["“'‘]([^"”'’]{3,})["”'’]/.exec(t)?.[1];
  if (quoted) return quoted.trim();
  const after = /\b(?:to|into|thành|thanh)\s+(.{3,})$/iu.exec(t)?.[1];
  return after ? after.trim().replace(/[.!]+$/, "") : null;
}

/** The KR an update is about: a ref, else the one KR its words name. */
function whichKr(t: string, dir: KrDirectory | undefined, spans: (Found<unknown> | null)[]): { ref?: string; candidates: DirectoryKr[] } {
  const ref = findKrRef(t);
  if (ref) return { ref: ref.value, candidates: [] };
  const named =
    dir?.matchKr(
      without(t, spans)
        .replace(/\b(target|goal|owner|rename|reassign)\b/gi, " ")
        .replace(/["“'‘][^"”'’]*["”'’]/g, " "),
    ) ?? [];
  if (named.length === 1) return { ref: named[0]!.ref, candidates: [] };
  // "change Grace's target to 70": the owner's KRs, when the words name none.
  const owner = named.length === 0 ? dir?.findOwner(t) : undefined;
  const theirs = owner ? dir!.krs.filter((k) => k.owner === owner) : [];
  return theirs.length === 1 ? { ref: theirs[0]!.ref, candidates: [] } : { candidates: theirs.length ? theirs : named };
}

export function readUpdate(t: string, dir: KrDirectory | undefined): UpdateRead | null {
  const f = folded(t);
  if (RENAME.test(f)) {
    const title = newTitle(t.replace(/^.*?\b(rename|retitle|đổi tên|doi ten|đặt lại tên|dat lai ten|sửa tên|sua ten)\b/iu, ""));
    const kr = whichKr(t.replace(title ?? "", " "), dir, []);
    if (!kr.ref) return { kind: "ask", missing: "kr", candidates: kr.candidates };
    if (!title) return { kind: "ask", missing: "value", candidates: [], keyResult: kr.ref };
    return { kind: "update", keyResult: kr.ref, changes: { title } };
  }
  if (OWNER.test(f)) {
    const owner = dir?.findOwner(t);
    const kr = whichKr(t, dir, []);
    if (!kr.ref) return { kind: "ask", missing: "kr", candidates: kr.candidates };
    if (!owner) return { kind: "ask", missing: "owner", candidates: [], keyResult: kr.ref };
    return { kind: "update", keyResult: kr.ref, changes: { owner } };
  }
  if (!((TARGET.test(f) && TARGET_CHANGE.test(f)) || AIM.test(f))) return null;
  const ref = findKrRef(t);
  const numbers = findNumbers(t).filter((n) => !(ref && n.start >= ref.start && n.end <= ref.end));
  const value = numbers.at(-1); // "from 65 to 60": the new target comes last
  const kr = whichKr(t, dir, [...numbers, ref]);
  if (!kr.ref) return { kind: "ask", missing: "kr", candidates: kr.candidates };
  if (!value) return { kind: "ask", missing: "value", candidates: [], keyResult: kr.ref };
  let target = value.value.value;
  const k = dir?.byRef(kr.ref);
  if (k && k.unit === "%" && !value.value.percent && target > 0 && target < 1 && Math.min(k.current, k.target) >= 1) target = Number((target * 100).toPrecision(12));
  return { kind: "update", keyResult: kr.ref, changes: { target } };
}
