// Questions about the workspace, read into read-only tool calls and a `View`: how the answer step
// should present what comes back (all off-track KRs, lowest confidence first, by team…). The view
// travels with the tool call as data, so the answer does not re-guess the question.

import { matchTeam } from "../../domain/teams.js";
import { findDate } from "./dates.js";
import { sharesConcept, type KrDirectory } from "./directory.js";
import { findKrRef, findNumbers, findObjectiveRef, folded, foldSameLength } from "./parse.js";

export interface ToolCallPlan {
  toolName: string;
  input: Record<string, unknown>;
}

export type View = (
  | { kind: "lagging"; filter: "off_track" | "at_risk" | null; all: boolean }
  | { kind: "confidence" }
  | { kind: "regressed" }
  | { kind: "stale"; days: number }
  | { kind: "mismatch" }
  | { kind: "worst"; by: "team" | "owner" }
  | { kind: "owner"; owner: string }
  | { kind: "objective"; ref: string }
  | { kind: "objectives-behind" }
  | { kind: "critique"; ref: string; title: string; keyResults: string[] }
  | { kind: "team"; team: string }
  | { kind: "why"; keyResult: string }
  /** The notes people wrote with their check-ins: one KR's or one owner's, on one day when said. */
  | { kind: "notes"; date?: string }
  | { kind: "what-if"; keyResult: string; value: number }
  /** A text to write, translate or summarise about a KR: the numbers it says, beside what is stored. */
  | { kind: "text-about"; keyResult: string; said: string[]; instructions: boolean; check: boolean; terms?: [string, string][] }
  /** Our own search for a report that named no KR we know: its matches are offered as a question. */
  | { kind: "guess" }
) & {
  /** Said before the answer ("A grade is …" before what 0.7 would mean for KR4.3). */
  lead?: string;
};

export type Question =
  /** `weak`: only a KR's words matched, no question word: the nearest read, not a request of its own. */
  | { calls: ToolCallPlan[]; view: View; ask?: undefined; weak?: boolean }
  /** A question about one KR whose words fit several: which one? */
  | { ask: { ref: string; title: string }[]; calls?: undefined; view?: undefined };

const ALL = 100;
const LAGGING =
  /\b(lag|lagging|behind|te nhat|toi te nhat|off.?track|at.?risk|risks?|riskiest|worst|slipping|slowest|struggling|in trouble|trouble|worried|worry|concern|concerned|red|danger|problem|bad shape|cham|tre|tut lai|tut hau|tut|rui ro|kem nhat|lech|chech huong|nguy hiem|lo lang|lo ngai|dang lo|can lo|phai lo|van de|bao dong)\b|(?<!\p{L})đỏ(?!\p{L})/u;
const ALL_WORDS = /\b(all|every|list|each|full list|tat ca|toan bo|liet ke|nhung kr|cac kr|het)\b/;
const LOW_CONFIDENCE =
  /\b(lowest confidence|least confident|low confidence|conf (?:thap|thap nhat|low|lowest)|lowest conf|low conf|confidence (?:is )?(?:lowest|low)|do tu tin thap|tu tin thap|it tu tin|tin cay thap|confidence thap|thap nhat ve do tu tin)\b/;
const REGRESSED =
  /\b(regress(?:ed|ing)?|went backwards?|go(?:ne|ing)? backwards?|got worse|dropped|declined|fell|slipped back|sl(?:id|ipped) backwards?|slid|moved backwards?|went down this week|di lui|di lui|thut lui|giam so voi tuan truoc|tut so voi tuan truoc|xau di|te hon tuan truoc)\b/;
const STALE =
  /\b(stale|no check.?in|not checked in|(?:not|hasn'?t|haven'?t|hadn'?t) (?:had|got(?:ten)?) an? (?:check.?in|update)|(?:nobody|no one|noone)(?:'s| has| have)? (?:updated|touched|checked)|not been (?:updated|touched)|untouched|(?:in |for )?(?:over|more than) a week|haven'?t (?:checked in|updated)|hasn'?t (?:checked in|been updated)|without (?:a )?check.?in|no update|chua (?:co )?(?:cap nhat|check.?in|update)|khong (?:cap nhat|check.?in)|lau roi|bo quen)\b/;
const MISMATCH =
  /\b(high confidence but|confident but behind|overconfident|over-confident|too confident|confidence mismatch|mismatch(?:ed)?|tu tin cao nhung|tu tin nhung cham|khong khop(?: do tu tin| do tin cay)?|lech (?:do tu tin|do tin cay)|tu tin qua muc|qua tu tin)\b/;
const WORST_GROUP =
  /\b(which|what|who)\b.*\b(team|teams|owner|person|people|who)\b.*\b(worst|behind|most behind|struggling|lagging|trouble|worst off)\b|\b(team nao|nhom nao|ai)\b.*\b(te nhat|kem nhat|cham nhat|nhieu kr cham)\b/;
const NOTES = /\b(what did (?:\S+ ){1,3}(?:write|say|note|put|comment)|wrote|notes?(?! to self)|comments?|ghi chu|viet gi|noi gi|ghi gi|nhan xet gi)\b/;
const WHY = /\b(why|how come|what happened|reason|tai sao|vi sao|sao lai|ly do|nguyen nhan)\b/;
const STATUS = /\b(how is|how's|hows|how are|status|progress|doing|tracking|going|update on|news|where (?:are|is)|tinh hinh|tien do|the nao|ra sao|dang o dau|sao roi|on khong)\b/;
const HYPOTHETICAL =
  /\b(what if|grade .* if|\bma\b.* (?:cham|dat|duoc|dc) .*\bthi\b|what grade|if .* (?:hits?|reach(?:es)?|gets? to|ends? at|lands? at)|would .* grade|what would (?:that|it|this) do|would (?:that|it|this) (?:do|put|leave|make|mean)|where would (?:that|it|this)|gia su|neu .* (?:dat|len|xuong|check.?in|la)|thi (?:grade|diem|trang thai|co on|co tot|sao))\b/;

/** Every team the text names, by its own name or a synonym ("eng + product"). */
export function findTeams(text: string, dir: KrDirectory | undefined): string[] {
  if (!dir) return [];
  const teams = dir.teams();
  const f = ` ${folded(text).replace(/[^a-z0-9 ]+/g, " ")} `;
  const found = new Set<string>();
  for (const t of teams) if (f.includes(` ${folded(t)} `)) found.add(t);
  const ws = f.trim().split(/\s+/);
  for (let i = 0; i < ws.length; i++) {
    const one = matchTeam(ws[i]!, teams);
    if (one) found.add(one);
    if (i + 1 < ws.length) {
      const two = matchTeam(`${ws[i]} ${ws[i + 1]}`, teams);
      if (two) found.add(two);
    }
  }
  // "Company" as a team is only meant when said as such ("company OKRs"), not in "company-wide".
  if (/\b(toan cong ty|whole company|company.?wide|across the company)\b/.test(f)) found.delete(teams.find((t) => folded(t) === "company") ?? "");
  return [...found];
}

/** "Minh's KRs", "KR của anh Tomasz", "chị Grace": the owner a question is about. */
export function ownerAsked(text: string, dir: KrDirectory | undefined): string | undefined {
  if (!dir) return undefined;
  const f = folded(text);
  const possessive = /\b(\p{L}+)['’]s\b/u.exec(text)?.[1];
  if (possessive) {
    const o = dir.findOwnerNamed(possessive);
    if (o) return o;
  }
  const vi = /\b(?:cua|anh|chi|em|ban|ong|ba|co)\s+(\p{L}+(?:\s\p{L}+){0,2})/u.exec(text.normalize("NFC"));
  if (vi || /\b(owns?|owned by|assigned to|phu trach)\b/.test(f)) {
    const o = dir.findOwner(text);
    if (o) return o;
  }
  return dir.findOwner(text);
}

/** A question about the workspace, or null when the text is not one we can read. */
export function readQuestion(t: string, dir: KrDirectory | undefined, today?: string | null): Question | null {
  const f = folded(t);
  const ref = findKrRef(t);
  // A team's name ("Customer Success") is no KR's name ("customer case studies").
  const teamless = dir ? dir.withoutTeams(t) : t;
  let named = ref ? [] : (dir?.matchKr(teamless) ?? []);
  // …unless the team's name is part of the KR's own name ("the sales cycle KR").
  if (!ref && !named.length && dir) named = dir.matchKr(t).filter((k) => sharesConcept(t, k.title));
  const kr = ref?.value ?? (named.length === 1 ? named[0]!.ref : undefined);

  // "what did Sofia write in her Nov 13 check-in?", "any notes on KR7.1?": the notes themselves.
  if (NOTES.test(f)) {
    // A person named beats a loose word match ("ngày" is in a title too); both narrow each other.
    const owner = ref ? undefined : ownerAsked(t, dir);
    const mine = owner ? (dir?.krs.filter((k) => k.owner === owner).map((k) => k.ref) ?? []) : [];
    const both = mine.filter((r) => named.some((k) => k.ref === r));
    const refs = ref ? [ref.value] : both.length ? both : mine.length ? mine : kr ? [kr] : [];
    const date = findDate(t, today)?.date;
    if (refs.length) return { calls: refs.map((keyResult) => ({ toolName: "get_key_result", input: { keyResult } })), view: { kind: "notes", ...(date ? { date } : {}) } };
  }
  // "what if NPS hits 60 — what grade?": the KR, with a value that is only imagined.
  if (HYPOTHETICAL.test(f) && kr) {
    // "nếu tháng 12 NPS lên đc 60": a month, a quarter or a week is no value; the number after
    // "lên / hits / reaches / to" is the one imagined.
    const ft = foldSameLength(t);
    const numbers = findNumbers(t).filter(
      (n) =>
        !(ref && n.start >= ref.start && n.end <= ref.end) &&
        !/\b(?:thang|month|quy|q|tuan|week|ngay|day|nam|year)\s*$/.test(ft.slice(0, n.start)) &&
        !/^\s*\//.test(ft.slice(n.end)),
    );
    const value = numbers.find((n) => /\b(?:len|dat|duoc|dc|to|hits?|reach(?:es)?|at|is|were|was|la|=)\s*(?:[$€£]\s*)?$/.test(ft.slice(0, n.start))) ?? numbers[0];
    // "KR7.2 cuối quý được 0.7 thì có ổn ko": a grade imagined, read as the value that earns it.
    const k = dir?.byRef(kr);
    const grade = value && k && /\b(grade|diem|score|cham)\b/.test(f) && value.value.value >= 0 && value.value.value <= 1 && Math.max(Math.abs(k.start), Math.abs(k.target)) > 1;
    const imagined = value && grade ? Number((k.start + value.value.value * (k.target - k.start)).toPrecision(12)) : value?.value.value;
    if (imagined !== undefined) return { calls: [{ toolName: "get_key_result", input: { keyResult: kr } }], view: { kind: "what-if", keyResult: kr, value: imagined } };
  }
  if (WHY.test(f) && kr) return { calls: [{ toolName: "get_key_result", input: { keyResult: kr } }], view: { kind: "why", keyResult: kr } };

  const teams = findTeams(t, dir);
  const owner = ownerAsked(t, dir);
  const scope = (extra: Record<string, unknown> = {}) =>
    teams.length > 1
      ? teams.map((team) => ({ toolName: "query_lagging_key_results", input: { team, limit: ALL, ...extra } }))
      : [{ toolName: "query_lagging_key_results", input: { ...(teams[0] ? { team: teams[0] } : {}), ...(owner ? { owner } : {}), limit: ALL, ...extra } }];

  if (
    /\b(which|what|whose)\b.*\bobjectives?\b|\bobjectives?\b.*\b(furthest|most|worst)\b|\b(muc tieu nao|o nao|objective nao|okr nao)\b/.test(f) &&
    LAGGING.test(f) &&
    !findObjectiveRef(t)
  )
    return { calls: [{ toolName: "list_okrs", input: teams[0] ? { team: teams[0] } : {} }], view: { kind: "objectives-behind" } };
  if (WORST_GROUP.test(f))
    return {
      calls: [{ toolName: "query_lagging_key_results", input: { limit: ALL } }],
      view: { kind: "worst", by: /\b(owner|person|people|who|ai)\b/.test(f) && !/\bteam|nhom\b/.test(f) ? "owner" : "team" },
    };
  if (MISMATCH.test(f)) return { calls: scope(), view: { kind: "mismatch" } };
  if (LOW_CONFIDENCE.test(f)) return { calls: scope(), view: { kind: "confidence" } };
  if (STALE.test(f)) {
    const days = /\b(\d{1,2})\s*(?:days?|ngay)\b/.exec(f)?.[1] ?? (/\b(2|two|hai) weeks?|2 tuan|hai tuan\b/.test(f) ? "14" : "7");
    return { calls: scope(), view: { kind: "stale", days: Number(days) } };
  }
  if (REGRESSED.test(f) && !kr) return { calls: scope(), view: { kind: "regressed" } };

  // "D30 retention 55% on mixpanel, how much does the OKR say? do they differ": one KR's number.
  const aboutOne = kr && (STATUS.test(f) || /\b(bao nhieu|how much|what is|what'?s|lech nhau|khac nhau|khop|match(?:es)?|differ|compare|so sanh)\b/.test(f));
  if ((LAGGING.test(f) || /(?<!\p{L})đỏ(?!\p{L})/u.test(t)) && !aboutOne) {
    const filter = /\b(off.?track|red|chech huong|lech)\b/.test(f) || /(?<!\p{L})đỏ(?!\p{L})/u.test(t) ? "off_track" : /\b(at.?risk|rui ro)\b/.test(f) ? "at_risk" : null;
    const all = ALL_WORDS.test(f) || filter !== null || teams.length > 1 || !!owner;
    // "all of them, not just top 5" / "đừng chỉ top 3": the whole list.
    const notJust = /\b(?:not just|not only|dung chi|khong chi|chu khong chi)\b/.test(f);
    const top = notJust ? null : (/\btop\s*(\d{1,2})\b/.exec(f) ?? /\b(\d{1,2})\s*(?:krs?|key results?|ket qua)\b/.exec(f));
    const limit = top ? Number(top[1]) : all ? ALL : /\b(most|nhat|worst|top one|furthest)\b/.test(f) && !/\b(krs|which krs|cac kr)\b/.test(f) ? 3 : 5;
    const calls = scope().map((c) => ({ ...c, input: { ...c.input, limit } }));
    return { calls, view: { kind: "lagging", filter, all } };
  }

  // Several KRs by ref ("show me KR2.1 and KR9.2"): each one.
  const refs = [...new Set([...t.matchAll(/\bKR\s?(\d+)\s?\.\s?(\d+)\b/gi)].map((m) => `KR${m[1]}.${m[2]}`))];
  if (refs.length > 1) return { calls: refs.map((keyResult) => ({ toolName: "get_key_result", input: { keyResult } })), view: { kind: "why", keyResult: refs[0]! } };
  // Status: a team's OKRs, one objective, one owner's KRs, one KR.
  const objective = findObjectiveRef(t)?.value;
  const listWords = /\b(okrs?|objectives?|muc tieu|tree|overview|dashboard)\b/.test(f);
  if (teams.length && !ref && (listWords || (STATUS.test(f) && !kr)))
    return { calls: teams.map((team) => ({ toolName: "list_okrs", input: { team } })), view: { kind: "team", team: teams.join(", ") } };
  if (objective && !ref) return { calls: [{ toolName: "list_okrs", input: {} }], view: { kind: "objective", ref: objective } };
  // "how's the brand visibility objective doing": an objective by its words.
  if (!ref && /\b(objective|muc tieu)\b/.test(f) && STATUS.test(f)) {
    const byWords = dir?.matchObjective(teamless) ?? [];
    if (byWords.length === 1) return { calls: [{ toolName: "list_okrs", input: {} }], view: { kind: "objective", ref: byWords[0]!.ref } };
  }
  // "how are Tomasz's KRs tracking": each of their KRs against pace, most behind first.
  if (owner && !ref && /\b(tracking|doing|going|pacing|the nao|ra sao|sao roi)\b/.test(f) && !/\b(objectives?|muc tieu)\b/.test(f))
    return { calls: [{ toolName: "query_lagging_key_results", input: { owner, limit: ALL } }], view: { kind: "lagging", filter: null, all: true } };
  if (owner && !ref && (STATUS.test(f) || /\b(krs?|okrs?|key results?|objectives?|muc tieu)\b/.test(f)))
    return { calls: [{ toolName: "list_okrs", input: { owner } }], view: { kind: "owner", owner } };
  if (kr && (STATUS.test(f) || /\b(bao nhieu|how much|how many|what is|what's|where)\b/.test(f) || ref))
    return { calls: [{ toolName: "get_key_result", input: { keyResult: kr } }], view: { kind: "why", keyResult: kr } };
  if (named.length > 1 && named.length <= 4 && STATUS.test(f)) return { ask: named.map((k) => ({ ref: k.ref, title: k.title })) };
  if (kr && named.length === 1 && f.split(" ").length <= 8)
    return { calls: [{ toolName: "get_key_result", input: { keyResult: kr } }], view: { kind: "why", keyResult: kr }, weak: true };
  return null;
}
