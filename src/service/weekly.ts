// The facts of a week's leadership summary (the week ending asOf), each with an id, the refs and
// dates it rests on, and a sentence whose every number comes from the store; plus the default
// template that writes the summary from the facts alone.

import { addDays, parseDay } from "../domain/dates.js";
import { forecast } from "../domain/forecast.js";
import { evaluate, type KrMetrics } from "../domain/metrics.js";
import type { CheckIn, Status } from "../domain/types.js";
import { lagging } from "./views.js";
import type { KrEntry, Workspace } from "./workspace.js";

export type FactKind =
  | "overview" | "status_change" | "mover_up" | "mover_down" | "confidence_drop" | "lagging" | "stale"
  | "confidence_mismatch" | "forecast_miss" | "quote";

export interface Fact {
  id: string;
  kind: FactKind;
  text: string;
  refs: string[];
  dates: string[];
}

export interface WeeklyFacts {
  asOf: string;
  weekStart: string;
  team: string | null;
  facts: Fact[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pts = (x: number) => `${Math.round(Math.abs(x) * 100)} pts`;
const LABEL: Record<Status, string> = { completed: "completed", on_track: "on track", at_risk: "at risk", off_track: "off track" };

export function weeklyFacts(ws: Workspace, asOf: string, team: string | undefined, weekNotes: CheckIn[]): WeeklyFacts {
  const day = parseDay(asOf);
  const weekStart = addDays(asOf, -6);
  const entries = ws.entriesFor(team);
  const facts: Fact[] = [];
  const add = (kind: FactKind, text: string, refs: string[], dates: string[] = [asOf]) => facts.push({ id: `F${facts.length + 1}`, kind, text, refs, dates });
  const now = new Map<KrEntry, KrMetrics>(), before = new Map<KrEntry, KrMetrics>();
  for (const e of entries) {
    now.set(e, evaluate(e.spec, e.span, e.history, day));
    before.set(e, evaluate(e.spec, e.span, e.history, day - 7));
  }
  const counts: Record<Status, number> = { completed: 0, on_track: 0, at_risk: 0, off_track: 0 };
  for (const m of now.values()) counts[m.status]++;
  add("overview", `${entries.length} key results: ${counts.off_track} off track, ${counts.at_risk} at risk, ${counts.on_track} on track, ${counts.completed} completed.`, []);

  for (const e of entries) {
    const a = before.get(e)!, b = now.get(e)!;
    if (a.status !== b.status) add("status_change", `${e.kr.ref} ${e.kr.title} went from ${LABEL[a.status]} to ${LABEL[b.status]}.`, [e.kr.ref], [addDays(asOf, -7), asOf]);
  }
  const moved = entries.filter((e) => now.get(e)!.weeklyDelta !== 0).sort((x, y) => now.get(y)!.weeklyDelta - now.get(x)!.weeklyDelta);
  for (const e of moved.slice(0, 2).filter((e) => now.get(e)!.weeklyDelta > 0))
    add("mover_up", `${e.kr.ref} ${e.kr.title} gained ${pts(now.get(e)!.weeklyDelta)} this week (now ${pct(now.get(e)!.clampedProgress)}).`, [e.kr.ref], [weekStart, asOf]);
  for (const e of moved.slice(-2).reverse().filter((e) => now.get(e)!.weeklyDelta < 0))
    add("mover_down", `${e.kr.ref} ${e.kr.title} lost ${pts(now.get(e)!.weeklyDelta)} this week (now ${pct(now.get(e)!.clampedProgress)}).`, [e.kr.ref], [weekStart, asOf]);
  for (const e of entries) {
    const a = before.get(e)!.confidence, b = now.get(e)!.confidence;
    if (a !== null && b !== null && b < a) add("confidence_drop", `${e.kr.ref} ${e.kr.title}: confidence fell from ${a}/5 to ${b}/5.`, [e.kr.ref]);
  }
  for (const r of lagging(ws, day, { team, limit: 3 }))
    add("lagging", `${r.ref} ${r.title} (${r.owner || "no owner"}) is ${r.reason}.`, [r.ref], r.lastCheckIn ? [r.lastCheckIn, asOf] : [asOf]);
  for (const e of entries) {
    const m = now.get(e)!;
    if (m.stale && m.status !== "completed")
      add("stale", `${e.kr.ref} ${e.kr.title} (${e.kr.owner || "no owner"}) has ${m.lastCheckInDay === null ? "no check-in yet" : `had no check-in since ${addDays(asOf, m.lastCheckInDay - day)}`}.`, [e.kr.ref]);
    if (m.confidenceMismatch) add("confidence_mismatch", `${e.kr.ref} ${e.kr.title} reports confidence ${m.confidence}/5 but is ${pts(m.gap)} behind pace.`, [e.kr.ref]);
  }
  for (const e of entries) {
    const m = now.get(e)!;
    if (m.status === "completed") continue;
    const f = forecast(e.spec, e.span, e.history, day);
    // A projected grade below green (0.7) is a miss worth a leader's attention, committed or not;
    // a committed KR projected at 0.8 is noted on its own page, not in the summary.
    if (f.grade.color !== "green" && f.method !== "current")
      add("forecast_miss", `${e.kr.ref} ${e.kr.title} is projected to end the cycle at ${pct(Math.max(0, f.projectedProgress))} (grade ${f.grade.score.toFixed(1)}, ${f.grade.color}).`, [e.kr.ref], [e.cycle.end]);
  }
  const refOf = new Map(entries.map((e) => [e.kr.id, e.kr.ref]));
  for (const c of weekNotes) {
    const ref = refOf.get(c.krId);
    if (ref && c.note && c.date >= weekStart && c.date <= asOf) add("quote", `${ref}, ${c.author || "someone"} on ${c.date}: "${c.note}"`, [ref], [c.date]);
  }
  return { asOf, weekStart, team: team ?? null, facts };
}

/** The default writer: a deterministic summary that only restates the facts, citing their ids. */
export function renderWeeklySummary(w: WeeklyFacts): string {
  const by = (k: FactKind) => w.facts.filter((f) => f.kind === k);
  const cite = (f: Fact) => `${f.text} [${f.id}]`;
  const lines = [`Week of ${w.weekStart} to ${w.asOf}${w.team ? ` — ${w.team}` : ""}`, "", cite(by("overview")[0]!)];
  const section = (title: string, kinds: FactKind[]) => {
    const fs = kinds.flatMap(by);
    if (fs.length) lines.push("", `${title}:`, ...fs.map((f) => `- ${cite(f)}`));
  };
  section("At risk", ["lagging", "forecast_miss", "confidence_mismatch"]);
  section("What changed", ["status_change", "mover_up", "mover_down", "confidence_drop"]);
  section("Needs a check-in", ["stale"]);
  section("In their words (quoted from check-in notes)", ["quote"]);
  return lines.join("\n");
}
