// The facts of a week's leadership summary (the week ending asOf): each with an id, the refs and
// dates it rests on, the numbers it states (`values`, what the grounding check matches against),
// and a sentence built only from those numbers.

import { addDays, formatDay, parseDay } from "../domain/dates.js";
import { forecast } from "../domain/forecast.js";
import { evaluate, type KrMetrics } from "../domain/metrics.js";
import { rollupObjective } from "../domain/rollup.js";
import type { CheckIn, Status } from "../domain/types.js";
import { lagging } from "./views.js";
import type { KrEntry, Workspace } from "./workspace.js";

export type FactKind =
  | "overview"
  | "objective"
  | "key_result"
  | "status_change"
  | "mover_up"
  | "mover_down"
  | "confidence_drop"
  | "lagging"
  | "stale"
  | "confidence_mismatch"
  | "forecast_miss"
  | "quote";

export interface Fact {
  id: string;
  kind: FactKind;
  text: string;
  refs: string[];
  dates: string[];
  /** Every number the text states, unrounded (fractions as fractions): what summaries may cite. */
  values: number[];
  /** For quotes: the quoted words, verbatim. */
  quote?: string;
}

export interface WeeklyFacts {
  asOf: string;
  weekStart: string;
  team: string | null;
  facts: Fact[];
}

export type Lang = "en" | "vi";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const STATUS: Record<Lang, Record<Status, string>> = {
  en: { completed: "completed", on_track: "on track", at_risk: "at risk", off_track: "off track" },
  vi: { completed: "đã hoàn thành", on_track: "đúng tiến độ", at_risk: "có rủi ro", off_track: "chệch hướng" },
};

/** Fact sentences in each language; numbers are formatted the same way in both. */
const PHRASES = {
  en: {
    pts: (x: number) => `${Math.round(Math.abs(x) * 100)} pts`,
    overview: (n: number, c: Record<Status, number>) => `${n} key results: ${c.off_track} off track, ${c.at_risk} at risk, ${c.on_track} on track, ${c.completed} completed.`,
    objective: (head: string, p: number, e: number, s: string, by: string[]) =>
      `${head}: ${pct(p)} against ${pct(e)} expected, ${s}${by.length ? ` (held back by ${by.join(", ")})` : ""}.`,
    keyResult: (head: string, p: number, e: number, s: string, c: number | null) =>
      `${head}: ${pct(p)} against ${pct(e)} expected, ${s}${c !== null ? `, confidence ${c}/5` : ""}.`,
    statusChange: (kr: string, a: string, b: string) => `${kr} went from ${a} to ${b}.`,
    up: (kr: string, d: string, p: number) => `${kr} gained ${d} this week (now ${pct(p)}).`,
    down: (kr: string, d: string, p: number) => `${kr} lost ${d} this week (now ${pct(p)}).`,
    confDrop: (kr: string, a: number, b: number) => `${kr}: confidence fell from ${a}/5 to ${b}/5.`,
    lagging: (kr: string, owner: string, gap: number, p: number, e: number, c: number | null) =>
      `${kr} (${owner}) is ${Math.round(gap * 100)} pts behind pace: ${pct(p)} against ${pct(e)} expected${c !== null ? `, confidence ${c}/5` : ""}.`,
    stale: (kr: string, owner: string, last: string | null, days: number) =>
      `${kr} (${owner}) ${last ? `has had no check-in since ${last}, ${days} days ago` : "has no check-in yet"}.`,
    mismatch: (kr: string, c: number, gap: string) => `${kr} reports confidence ${c}/5 but is ${gap} behind pace.`,
    miss: (kr: string, p: number, g: number) => `${kr} is projected to end the cycle at ${pct(p)} (grade ${g.toFixed(1)}).`,
    quote: (ref: string, who: string, date: string, note: string) => `${ref}, ${who} on ${date}: "${note}"`,
    noOwner: "no owner",
  },
  vi: {
    pts: (x: number) => `${Math.round(Math.abs(x) * 100)} điểm`,
    overview: (n: number, c: Record<Status, number>) =>
      `${n} kết quả then chốt: ${c.off_track} chệch hướng, ${c.at_risk} có rủi ro, ${c.on_track} đúng tiến độ, ${c.completed} đã hoàn thành.`,
    objective: (head: string, p: number, e: number, s: string, by: string[]) =>
      `${head}: ${pct(p)} so với kỳ vọng ${pct(e)}, ${s}${by.length ? ` (bị kéo xuống bởi ${by.join(", ")})` : ""}.`,
    keyResult: (head: string, p: number, e: number, s: string, c: number | null) => `${head}: ${pct(p)} so với kỳ vọng ${pct(e)}, ${s}${c !== null ? `, độ tin cậy ${c}/5` : ""}.`,
    statusChange: (kr: string, a: string, b: string) => `${kr} chuyển từ ${a} sang ${b}.`,
    up: (kr: string, d: string, p: number) => `${kr} tăng ${d} trong tuần (hiện ${pct(p)}).`,
    down: (kr: string, d: string, p: number) => `${kr} giảm ${d} trong tuần (hiện ${pct(p)}).`,
    confDrop: (kr: string, a: number, b: number) => `${kr}: độ tin cậy giảm từ ${a}/5 xuống ${b}/5.`,
    lagging: (kr: string, owner: string, gap: number, p: number, e: number, c: number | null) =>
      `${kr} (${owner}) chậm ${Math.round(gap * 100)} điểm so với tiến độ: ${pct(p)} so với kỳ vọng ${pct(e)}${c !== null ? `, độ tin cậy ${c}/5` : ""}.`,
    stale: (kr: string, owner: string, last: string | null, days: number) => `${kr} (${owner}) ${last ? `chưa cập nhật từ ${last}, đã ${days} ngày` : "chưa có lần cập nhật nào"}.`,
    mismatch: (kr: string, c: number, gap: string) => `${kr} báo độ tin cậy ${c}/5 nhưng chậm ${gap} so với tiến độ.`,
    miss: (kr: string, p: number, g: number) => `${kr} dự kiến kết thúc chu kỳ ở mức ${pct(p)} (điểm ${g.toFixed(1)}).`,
    quote: (ref: string, who: string, date: string, note: string) => `${ref}, ${who} ngày ${date}: "${note}"`,
    noOwner: "chưa có người phụ trách",
  },
};

export function weeklyFacts(ws: Workspace, asOf: string, team: string | undefined, weekNotes: CheckIn[], lang: Lang = "en"): WeeklyFacts {
  const P = PHRASES[lang];
  const S = STATUS[lang];
  const day = parseDay(asOf);
  const weekStart = addDays(asOf, -6);
  const weekAgo = addDays(asOf, -7);
  const entries = ws.entriesFor(team);
  const facts: Fact[] = [];
  const add = (kind: FactKind, text: string, refs: string[], values: number[], dates: string[] = [asOf], quote?: string) =>
    facts.push({ id: `F${facts.length + 1}`, kind, text, refs, dates, values, ...(quote ? { quote } : {}) });
  const now = new Map<KrEntry, KrMetrics>(),
    before = new Map<KrEntry, KrMetrics>();
  for (const e of entries) {
    now.set(e, evaluate(e.spec, e.span, e.history, day));
    before.set(e, evaluate(e.spec, e.span, e.history, day - 7));
  }
  const counts: Record<Status, number> = { completed: 0, on_track: 0, at_risk: 0, off_track: 0 };
  for (const m of now.values()) counts[m.status]++;
  add("overview", P.overview(entries.length, counts), [], [entries.length, counts.off_track, counts.at_risk, counts.on_track, counts.completed]);

  const byObjective = new Map<string, KrEntry[]>();
  for (const e of entries) byObjective.set(e.objective.id, [...(byObjective.get(e.objective.id) ?? []), e]);
  for (const list of byObjective.values()) {
    const o = list[0]!.objective;
    const r = rollupObjective(
      list.map((e) => ({ ref: e.kr.ref, clampedProgress: now.get(e)!.clampedProgress, expected: now.get(e)!.expected, status: now.get(e)!.status, weight: e.kr.weight })),
    );
    add("objective", P.objective(`${o.ref} ${o.title} (${o.team})`, r.progress, r.expected, S[r.status!], r.pulledDownBy), [o.ref, ...r.pulledDownBy], [r.progress, r.expected]);
    for (const e of list) {
      const m = now.get(e)!;
      add(
        "key_result",
        P.keyResult(`${e.kr.ref} ${e.kr.title}`, m.clampedProgress, m.expected, S[m.status], m.confidence),
        [e.kr.ref, o.ref],
        [m.clampedProgress, m.expected, ...(m.confidence !== null ? [m.confidence] : [])],
      );
    }
  }
  for (const e of entries) {
    const a = before.get(e)!,
      b = now.get(e)!;
    if (a.status !== b.status) add("status_change", P.statusChange(`${e.kr.ref} ${e.kr.title}`, S[a.status], S[b.status]), [e.kr.ref], [], [weekAgo, asOf]);
  }
  const moved = entries.filter((e) => now.get(e)!.weeklyDelta !== 0).sort((x, y) => now.get(y)!.weeklyDelta - now.get(x)!.weeklyDelta);
  for (const e of moved.slice(0, 2).filter((x) => now.get(x)!.weeklyDelta > 0)) {
    const m = now.get(e)!;
    add("mover_up", P.up(`${e.kr.ref} ${e.kr.title}`, P.pts(m.weeklyDelta), m.clampedProgress), [e.kr.ref], [m.weeklyDelta, m.clampedProgress], [weekStart, asOf]);
  }
  for (const e of moved
    .slice(-2)
    .reverse()
    .filter((x) => now.get(x)!.weeklyDelta < 0)) {
    const m = now.get(e)!;
    add("mover_down", P.down(`${e.kr.ref} ${e.kr.title}`, P.pts(m.weeklyDelta), m.clampedProgress), [e.kr.ref], [-m.weeklyDelta, m.clampedProgress], [weekStart, asOf]);
  }
  for (const e of entries) {
    const a = before.get(e)!.confidence,
      b = now.get(e)!.confidence;
    if (a !== null && b !== null && b < a) add("confidence_drop", P.confDrop(`${e.kr.ref} ${e.kr.title}`, a, b), [e.kr.ref], [a, b]);
  }
  for (const r of lagging(ws, day, { team, limit: 3 })) {
    const m = now.get(ws.entry(ws.keyResultByRef(r.ref)!.id)!)!;
    // The most behind are not behind at all when every KR is on or ahead of pace: then none is.
    if (m.gap <= 0) continue;
    add(
      "lagging",
      P.lagging(`${r.ref} ${r.title}`, r.owner || P.noOwner, m.gap, m.clampedProgress, m.expected, m.confidence),
      [r.ref],
      [m.gap, m.clampedProgress, m.expected, ...(m.confidence !== null ? [m.confidence] : [])],
      r.lastCheckIn ? [r.lastCheckIn, asOf] : [asOf],
    );
  }
  for (const e of entries) {
    const m = now.get(e)!;
    if (m.stale && m.status !== "completed") {
      const last = m.lastCheckInDay === null ? null : formatDay(m.lastCheckInDay);
      add(
        "stale",
        P.stale(`${e.kr.ref} ${e.kr.title}`, e.kr.owner || P.noOwner, last, last ? day - m.lastCheckInDay! : 0),
        [e.kr.ref],
        last ? [day - m.lastCheckInDay!] : [],
        last ? [last] : [asOf],
      );
    }
    if (m.confidenceMismatch) add("confidence_mismatch", P.mismatch(`${e.kr.ref} ${e.kr.title}`, m.confidence!, P.pts(m.gap)), [e.kr.ref], [m.confidence!, m.gap]);
  }
  for (const e of entries) {
    if (now.get(e)!.status === "completed") continue;
    const f = forecast(e.spec, e.span, e.history, day);
    // A projected grade below green (0.7) is a miss worth a leader's attention, committed or not.
    if (f.grade.color !== "green" && f.method !== "current")
      add(
        "forecast_miss",
        P.miss(`${e.kr.ref} ${e.kr.title}`, Math.max(0, f.projectedProgress), f.grade.score),
        [e.kr.ref],
        [Math.max(0, f.projectedProgress), f.grade.score],
        [e.cycle.end],
      );
  }
  const refOf = new Map(entries.map((e) => [e.kr.id, e.kr.ref]));
  for (const c of weekNotes) {
    const ref = refOf.get(c.krId);
    if (ref && c.note && c.date >= weekStart && c.date <= asOf) add("quote", P.quote(ref, c.author || "?", c.date, c.note), [ref], [], [c.date], c.note);
  }
  return { asOf, weekStart, team: team ?? null, facts };
}
