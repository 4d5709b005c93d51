// Read models the CLI and (later) the MCP tools print: compact rows of refs, titles and numbers.

import { formatDay } from "../domain/dates.js";
import { forecast, type Forecast } from "../domain/forecast.js";
import { compareLagKeys, compareRefs, lagReason, type LagKey } from "../domain/lagging.js";
import { clamp01, evaluate, expectedProgress, paceSpan, progressOf, type KrMetrics } from "../domain/metrics.js";
import { rollupObjective } from "../domain/rollup.js";
import type { CheckIn, Objective, Status } from "../domain/types.js";
import type { KrEntry, Workspace } from "./workspace.js";

/** Fractions are rounded to 4 decimals for output (0.6154), values are left as stored. */
/** To 4 decimals; a number too large to have any (a 1e308 stored before values were bounded)
 *  stays as it is instead of overflowing to Infinity. */
export const round4 = (x: number) => (Math.abs(x) < 1e15 ? Math.round(x * 10_000) / 10_000 : x);

export interface KrRow {
  ref: string;
  title: string;
  team: string;
  objectiveRef: string;
  owner: string;
  kind: string;
  direction: string;
  unit: string;
  start: number;
  target: number;
  current: number;
  progress: number;
  expected: number;
  gap: number;
  status: Status;
  confidence: number | null;
  lastCheckIn: string | null;
  stale: boolean;
  confidenceMismatch: boolean;
  weeklyDelta: number;
}

export interface LaggingRow extends KrRow {
  reason: string;
}

export function krRow(e: KrEntry, m: KrMetrics): KrRow {
  return {
    ref: e.kr.ref,
    title: e.kr.title,
    team: e.objective.team,
    objectiveRef: e.objective.ref,
    owner: e.kr.owner,
    kind: e.kr.kind,
    direction: e.kr.direction,
    unit: e.kr.unit,
    start: e.kr.start,
    target: e.kr.target,
    current: m.current,
    progress: round4(m.clampedProgress),
    expected: round4(m.expected),
    gap: round4(m.gap),
    status: m.status,
    confidence: m.confidence,
    lastCheckIn: m.lastCheckInDay === null ? null : formatDay(m.lastCheckInDay),
    stale: m.stale,
    confidenceMismatch: m.confidenceMismatch,
    weeklyDelta: round4(m.weeklyDelta),
  };
}

export interface LaggingOptions {
  team?: string;
  owner?: string;
  limit?: number;
}

/**
 * Open KRs most behind pace first. The hot path of the product: it computes each KR's lag key
 * from primitives and keeps a running top N, building full metrics only for KRs that make the list.
 */
export function lagging(ws: Workspace, asOf: number, opts: LaggingOptions = {}): LaggingRow[] {
  const limit = opts.limit ?? Infinity;
  // A running top N for a short list; every KR sorted once for a long one (inserting into a list of
  // all 40,000 KRs one by one took 40 s).
  const small = limit <= 64;
  const owner = opts.owner?.toLowerCase();
  const top: (LagKey & { entry: KrEntry })[] = [];
  const probe: LagKey = { ref: "", gap: 0, confidence: null, lastCheckInDay: null };
  for (const e of ws.entriesFor(opts.team)) {
    if (owner && e.kr.owner.toLowerCase() !== owner) continue;
    // Read in place: a KR's check-ins become arrays only for the few that make the list.
    const h = e.history;
    const i = h.latestAtOrBefore(asOf);
    const progress = progressOf(e.spec, i < 0 ? e.spec.start : h.valueAt(i));
    if (progress >= 1) continue; // completed KRs are not lagging
    probe.ref = e.kr.ref;
    probe.gap = expectedProgress(e.spec, e.span, asOf) - clamp01(progress);
    probe.confidence = i < 0 ? null : h.confidenceAt(i);
    probe.lastCheckInDay = i < 0 ? null : h.dayAt(i);
    if (!small) {
      top.push({ ...probe, entry: e });
      continue;
    }
    if (top.length >= limit && compareLagKeys(probe, top[top.length - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareLagKeys(probe, top[at - 1]!) < 0) at--;
    top.splice(at, 0, { ...probe, entry: e });
    if (top.length > limit) top.pop();
  }
  if (!small) top.sort(compareLagKeys).splice(limit);
  return top.map(({ entry }) => {
    const m = evaluate(entry.spec, entry.span, entry.history, asOf);
    return { ...krRow(entry, m), reason: lagReason(m, asOf) };
  });
}

export interface ObjectiveView {
  ref: string;
  title: string;
  team: string;
  owner: string;
  cycle: string;
  parentRef: string | null;
  committed: boolean;
  progress: number;
  expected: number;
  status: Status | null;
  /** KRs pulling the objective down (off track, then at risk). */
  pulledDownBy: string[];
  keyResults: KrRow[];
}

export function tree(ws: Workspace, asOf: number, team?: string): ObjectiveView[] {
  const byObjective = new Map<string, KrRow[]>();
  const rollups = new Map<string, Parameters<typeof rollupObjective>[0][number][]>();
  for (const e of ws.entriesFor(team)) {
    const m = evaluate(e.spec, e.span, e.history, asOf);
    const id = e.objective.id;
    let rows = byObjective.get(id);
    if (!rows) byObjective.set(id, (rows = []));
    let inputs = rollups.get(id);
    if (!inputs) rollups.set(id, (inputs = []));
    rows.push(krRow(e, m));
    inputs.push({ ref: e.kr.ref, clampedProgress: m.clampedProgress, expected: m.expected, status: m.status, weight: e.kr.weight });
  }
  const views: ObjectiveView[] = [];
  for (const o of ws.objectives.values()) {
    if (team !== undefined && !byObjective.has(o.id) && !sameTeam(o.team, team)) continue;
    const r = rollupObjective(rollups.get(o.id) ?? []);
    views.push({
      ...objectiveHead(ws, o),
      committed: o.committed,
      progress: round4(r.progress),
      expected: round4(r.expected),
      status: r.status,
      pulledDownBy: r.pulledDownBy,
      keyResults: byObjective.get(o.id) ?? [],
    });
  }
  return views.sort((a, b) => compareRefs(a.ref, b.ref));
}

/** An objective as every view names it: refs and names instead of ids. */
export function objectiveHead(ws: Workspace, o: Objective) {
  return {
    ref: o.ref,
    title: o.title,
    team: o.team,
    owner: o.owner,
    cycle: ws.cycles.get(o.cycleId)?.name ?? "",
    parentRef: o.parentId ? (ws.objectives.get(o.parentId)?.ref ?? null) : null,
  };
}

function sameTeam(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;
}

export interface KrDetail extends KrRow {
  objectiveTitle: string;
  cycle: string;
  due: string | null;
  reason: string;
  /** The days pace runs over (the KR's own start and due, else the cycle's): the chart's x axis. */
  window: { start: string; end: string };
  forecast: Forecast & { projectedValue: number };
  checkIns: Pick<CheckIn, "date" | "value" | "confidence" | "note" | "author">[];
}

export function krDetail(e: KrEntry, asOf: number, checkIns: CheckIn[]): KrDetail {
  const m = evaluate(e.spec, e.span, e.history, asOf);
  const f = forecast(e.spec, e.span, e.history, asOf);
  const pace = paceSpan(e.spec, e.span);
  return {
    ...krRow(e, m),
    objectiveTitle: e.objective.title,
    cycle: e.cycle.name,
    due: e.kr.due,
    reason: lagReason(m, asOf),
    window: { start: formatDay(pace.startDay), end: formatDay(pace.endDay) },
    forecast: { ...f, projectedValue: round4(f.projectedValue), projectedProgress: round4(f.projectedProgress) },
    checkIns: checkIns.filter((c) => c.date <= formatDay(asOf)).map(({ date, value, confidence, note, author }) => ({ date, value, confidence, note, author })),
  };
}
