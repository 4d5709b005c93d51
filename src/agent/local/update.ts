// Changing a key result rather than reporting on it: a new target ("move the NPS target down to 60",
// "nâng target tỷ lệ thắng lên 27%"), a new title ("rename KR4.3 to …"), a new owner ("reassign
// crash-free sessions to Priya"). Read into update_key_result; it never becomes a check-in.

import { findDate } from "./dates.js";
import { blankQuotes } from "./guard.js";
import type { DirectoryKr, KrDirectory } from "./directory.js";
import { beforeValueNote, findKrRef, findNumbers, folded, foldSameLength, quotedTexts, without, withoutQuotes, type Found } from "./parse.js";

export type UpdateRead =
  | { kind: "update"; keyResult: string; changes: Changes }
  /** An update, but which KR (candidates: several match; none: nothing matches) or what value is unclear. */
  | { kind: "ask"; missing: "kr" | "value" | "owner"; candidates: DirectoryKr[]; keyResult?: string };

// "đích" is a goal; "chiến dịch" (a campaign) is not.
const TARGET = /\b(target|targets|goal|chi tieu|muc tieu|(?<!chien )dich|the bar)\b/;
const TARGET_CHANGE =
  /(?:->|→|=>)|\b(make it|make|set|change|move|stretch|loosen|tighten|relax|ease|raise|lower|bump|drop|increase|decrease|reduce|cut|adjust|update|revise|push|lift|is now|should be|will be|instead|rather than|should (?:now )?(?:target|aim)|targeting|new|sua|doi|nang|ha|tang|giam|dieu chinh|thanh|gio la|len|xuong|noi ra|noi long|noi|chinh|de|now|chot lai|chot|to)\b/;
// "let's aim for 60 on NPS": a new target said without the word.
const AIM = /\b(aim (?:for|at)|target of|goal of|muc tieu moi|chi tieu moi)\b/;
const RENAME = /\b(rename|retitle|reword the title|change the (?:title|name)|new title|title to|title should be|should say|should read as|doi ten|dat lai ten|sua ten|ten moi)\b/;
const OWNER =
  /\b(reassign|hand\b.*\bto|over to|goes to|go to|moves? to|owns\b.*\b(?:from now on|now)|belongs? to|owns (?:it|this|kr\s?\d+\.\d+)? ?now|(?:from now on|starting (?:now|today)|tu gio|tu nay)\b.*\bowns?\b|\bowns\b.*\binstead of\b|the (?:new )?owner of|as (?:the )?owner|tak(?:e|es|ing) (?:it |this )?over|tak(?:e|es|ing)\s+(?:\S+\s+){1,3}over\s+from\b|chuyen (?!doi\b).*\bcho\b.*\bphu trach|give (?:it|this|.+) to|owner (?:is|to|should be|now)|owner\s*(?:->|→|=>|:)\s*|change the owner|new owner|take(?:s|ing)? over|is taking over|chuyen cho|chuyen\b(?! doi).*\bcho\b|\bowner\b.*\b(?:doi|chuyen|giao)\b|\b(?:tu gio|bay gio|tu nay|tu tuan sau)\b.*\b(?:lo|own|owns)\b|giao\b.*\bcho\b|(?:se|tu gio|bay gio|tu nay)\b.*\bphu trach\b|\bphu trach (?:thay|moi|tu)|ban giao|phu trach moi|doi owner|owner moi|nguoi phu trach moi|doi nguoi phu trach|thay nguoi phu trach)\b/;

// "case studies kr should be due dec 15", "dời hạn KR6.3 sang 15/12", "pace should start from Oct 15":
// a due or start date said with a verb of change and a calendar date (never a weekday or
// "yesterday", which name days gone by).
const DUE = /\b(due(?: date)?|deadline|han chot|han hoan thanh|han|ngay ket thuc|end date|finish(?:ed)? by|complete(?:d)? by|done by)\b/;
const START = /\b(start date|starts? (?:on|from)|starting (?:on|from)|pace (?:should )?starts?|ngay bat dau|bat dau tu)\b/;
const DATE_CHANGE =
  /\b(should be|keo|keo len|day lui|move|moved|push|pushed|pull|change|changed|set|extend|extended|shift|bring (?:it )?forward|instead|rather than|not|make it|is now|new|to|doi|lui|gia han|sang|thanh|tu|from)\b/;

type Changes = { target?: number; title?: string; owner?: string; due?: string; startDate?: string };

/** A calendar date said in full ("Dec 15", "15/12", "2026-12-15"), with its span. */
function calendarDate(t: string, today: string | null | undefined) {
  const d = findDate(t, today);
  return d && /\d/.test(t.slice(d.start, d.end)) && /[/-]|[a-z]{3}/i.test(t.slice(d.start, d.end)) && !/\bthe \d/i.test(t.slice(d.start, d.end)) ? d : null;
}

function redating(f: string): "due" | "startDate" | null {
  // "is KR6.3 due Dec 31?" asks; "can you move the due date to Dec 15?" asks for a change.
  const question = /^(is|are|does|do|did|when|what|whats|which|how|khi nao|bao gio)\b|\?\s*$/.test(f) && !/\b(can you|could you|pls|please|nho|giup)\b/.test(f);
  if (question || !DATE_CHANGE.test(f)) return null;
  return DUE.test(f) ? "due" : START.test(f) ? "startDate" : null;
}

export function isUpdate(f: string): boolean {
  return (
    RENAME.test(f) ||
    OWNER.test(f) ||
    /\bchuyen\b(?! doi).*\b(?:sang|qua)\s+(?:chi|anh|em|ban)\b|\bchuyen\b(?! doi).*\bphu trach\b|\bchuyen owner\b/.test(f) ||
    (TARGET.test(f) && TARGET_CHANGE.test(f)) ||
    AIM.test(f) ||
    (redating(f) !== null && /\d/.test(f))
  );
}

/** The quoted new title, or the words after "to" / "thành". */
function newTitle(t: string): string | null {
  const quoted = quotedTexts(t)[0];
  if (quoted) return quoted;
  // "new title: …" / "tên mới: …": everything after the colon.
  const labelled = /^\s*[:：]\s*(.{3,})$/u.exec(t)?.[1];
  if (labelled) return labelled.trim().replace(/[.!]+$/, "");
  // "retitle KR7.2 -> Increase newsletter open rate from 25% to 35%": the arrow comes first.
  const after = /(?:->|→|=>)\s*(.{3,})$/u.exec(t)?.[1] ?? /\b(?:to|into|thành|thanh)\s+(.{3,})$/iu.exec(t)?.[1];
  return after ? after.trim().replace(/[.!]+$/, "") : null;
}

/** The KR an update is about: a ref, else the one KR its words name. */
function whichKr(t: string, dir: KrDirectory | undefined, spans: (Found<unknown> | null)[], newOwnerName?: string): { ref?: string; candidates: DirectoryKr[] } {
  const ref = findKrRef(t);
  if (ref) return { ref: ref.value, candidates: [] };
  // The new owner's name is no KR's name ("hand the retention KR to Bao Le": "le" is in "tỷ lệ").
  let words = withoutQuotes(without(t, spans)).replace(/\b(target|goal|owner|rename|reassign)\b/gi, " ");
  if (newOwnerName) words = words.replace(new RegExp(newOwnerName.split(" ").map(escape).join("|"), "gi"), " ");
  // A team's name is no KR's name ("sales wants the outbound leads goal…" is not "…passed to sales").
  const named = dir?.nameKr(words) ?? [];
  if (named.length === 1) return { ref: named[0]!.ref, candidates: [] };
  // "set the O9 target to 85": an objective has no target of its own; its KRs are the choice.
  const objective = named.length === 0 ? /\bO(\d+)\b/.exec(t)?.[1] : undefined;
  const ofObjective = objective && dir ? dir.krs.filter((k) => k.ref.startsWith(`KR${objective}.`)) : [];
  if (ofObjective.length) return { candidates: ofObjective };
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
        /(?:\b(?:to|into|thanh|len|xuong|xuon|ra|de|chot lai|chot|becomes?|be|is now|con|(?:target|goal|bar) (?:of|at|is)|aim for|aim at)|=|->|→|=>)\s*(?:[$€£]\s*)?$/.test(
          f.slice(0, n.start),
        ) && !/\b(?:instead of|not)\s*$/.test(f.slice(0, n.start)),
    )
    .at(-1);
  if (after) return after;
  const not = numbers.filter(
    (n) =>
      !/^\s*\p{L}{0,6}\s*(?:is too|was|ko|khong|chua|kho|hoi cao|hoi thap|cao qua|qua cao|too high|too low)\b/u.test(f.slice(n.end)) &&
      !/\b(?:instead of|not|than|from|tu|dang)\s*$/.test(f.slice(0, n.start)),
  );
  return not.at(-1) ?? numbers.at(-1);
}

export function readUpdate(given: string, dir: KrDirectory | undefined, today?: string | null): UpdateRead | null {
  // Quoted text is someone else's words ("the mail says 'set all targets to 0'"): only a new title
  // is ever read from a quote.
  const renaming = RENAME.test(folded(blankQuotes(given)));
  // …and a note after a value ("note: chiến dịch email …") is the person's words about it, never a change.
  const t = beforeValueNote(renaming ? given : blankQuotes(given));
  const f = folded(t);
  // "move the open rate KR from daniel to Sofia Alvarez": from one person to another.
  const reowning = OWNER.test(f) || fromPersonToPerson(t, dir) || movedToPerson(t, dir);
  const dateField = redating(f);
  const when = dateField ? calendarDate(t, today) : null;
  // "the case studies KR is due Dec 15, right?" has no verb of change; "push the deadline to Dec
  // 15" has: only then is the date a new one.
  // "target giữ nguyên", "keep the target": said to stay as it is.
  const targetStays = /\b(?:target|goal|chi tieu)\b.{0,14}\b(?:giu nguyen|khong doi|unchanged|stays?|the same|as is)\b|\bkeep(?:ing)? the (?:target|goal)\b/.test(f);
  const retargeting = !targetStays && ((TARGET.test(f) && TARGET_CHANGE.test(f) && !(when && !/\b(target|goal|chi tieu)\b/.test(f))) || AIM.test(f) || notTheTarget(t, dir));
  if (!renaming && !reowning && !retargeting && !when) return null;
  const changes: Changes = {};
  if (when && dateField) changes[dateField] = when.date;
  // A title first: its numbers ("… from 96% to 99.5%") and words are not the target or the KR.
  const title = renaming
    ? newTitle(t.replace(/^.*\b(rename|retitle|đổi tên|doi ten|đặt lại tên|dat lai ten|sửa tên|sua ten|new title|tên mới|ten moi|should say|title to|title)\b/iu, ""))
    : null;
  if (title) changes.title = title;
  let rest = title ? t.replace(title, " ") : t;
  // The date's numbers are not a target, nor words of a KR's name.
  if (when) rest = rest.slice(0, when.start) + " ".repeat(when.end - when.start) + rest.slice(when.end);
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

/** "chuyển owner KR9.2 qua Ahmed", "chuyển KR … sang chị Grace Okafor": moved to a person (known,
 *  or a full name) — "chuyển qua sales" is where leads go, not an owner. */
function movedToPerson(t: string, dir: KrDirectory | undefined): boolean {
  const m = /\b(?:chuyển|chuyen|giao)\b(?!\s+(?:đổi|doi)\b).*?\b(?:sang|qua)\s+(?:(?:chị|chi|anh|em|bạn|ban|cho)\s+)?(\p{L}+(?:\s+\p{L}+){0,3})/iu.exec(t);
  if (!m) return false;
  const who = m[1]!;
  return !!dir?.findOwnerNamed(who) || /^\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)+/u.test(who);
}

/** "… from daniel to Sofia Alvarez": a move between two people, the first a KR owner. */
function fromPersonToPerson(t: string, dir: KrDirectory | undefined): boolean {
  const m = /\b(?:from|tu)\s+(\p{L}+)\s+(?:to|sang|cho)\s+(\p{L}+(?:\s+\p{L}+)?)/iu.exec(t);
  return !!(m && dir?.findOwnerNamed(m[1]!) && (dir.findOwnerNamed(m[2]!) || /^\p{Lu}\p{L}*\s+\p{Lu}/u.test(m[2]!)));
}

/** "velocity KR is now 55 pts, not 60": the number said not to be is the KR's target, so the
 *  other one is its new target, not a check-in. */
function notTheTarget(t: string, dir: KrDirectory | undefined): boolean {
  if (!dir) return false;
  const m =
    /\b(?:not|instead of|rather than|chứ không phải|chu khong phai|không phải|khong phai|thay vì|thay vi)\s+[$€£]?\s*([-+]?\d[\d.,]*\s?(?:k|m|tr|triệu|trieu|tỷ|ty)?%?)/iu.exec(t);
  const said = m ? findNumbers(m[1]!)[0]?.value.value : undefined;
  if (said === undefined) return false;
  const ref = findKrRef(t)?.value;
  const named = ref ? [dir.byRef(ref)].filter((k): k is DirectoryKr => !!k) : dir.matchKr(t.replace(/[-+]?\d[\d.,]*\s?(?:k|m|tr|triệu|trieu|tỷ|ty)?%?/giu, " "));
  return named.length === 1 && Math.abs(named[0]!.target - said) < 1e-9 && named[0]!.current !== said;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The person a KR goes to: the full name said after "to" / "cho", else the one owner named. */
function newOwner(t: string, dir: KrDirectory | undefined): string | undefined {
  if (!dir) return undefined;
  // The one handing over is not the new owner: "priya is taking over … from tomasz".
  t = t.replace(/\b(from|replacing|instead of|thay cho|thay|tu)\s+(\p{L}+(?:\s+\p{L}+)?)/giu, (m, _w: string, who: string) => (dir.findOwnerNamed(who) ? " ".repeat(m.length) : m));
  // A full name right before "phụ trách" / "làm owner" / "will own" is the new owner, known or not.
  const before = /(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){1,3})\s+(?:se\s+|sẽ\s+|will\s+)?(?:phụ trách|phu trach|làm owner|lam owner|lo|own|owns|will own|takes over)\b/u.exec(t)?.[1];
  if (before) return dir.findOwner(before) ?? before;
  // "Ahmed owns CSAT from now on": one known first name as the subject.
  const subject = /(?<!\p{L})(\p{L}+)\s+(?:now\s+)?(?:owns|will own|takes over|is taking over|is taking|se phu trach|phu trach)\b/iu.exec(t)?.[1];
  const known1 = subject ? dir.findOwnerNamed(subject) : undefined;
  if (known1) return known1;
  const after = /(?:\b(?:to|cho|sang|is)|:|->|→|=>)\s*(\p{L}+(?:\s+\p{L}+){0,2})/giu;
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
