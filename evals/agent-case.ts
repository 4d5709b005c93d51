// One agent eval case: its formats (our own regression set, and the blind sets written from the
// fixture alone), and how a run of it is scored: calls, stored changes, asking, answer. A stored
// change nobody asked for is counted apart as a wrong write.

import { foldText } from "../src/domain/resolve.js";
import { matchTeam } from "../src/domain/teams.js";
import type { CheckIn, CheckInCorrection, KeyResult, Objective } from "../src/domain/types.js";
import type { OkrService } from "../src/service/okr-service.js";

export interface ExpectedCheckIn {
  kr: string;
  value: number;
  confidence?: number;
  note?: string;
  date?: string;
}
export interface ExpectedCorrection {
  kr: string;
  value?: number;
  confidence?: number;
  date?: string;
  retract?: boolean;
}
export interface ExpectedKrUpdate {
  kr: string;
  title?: string;
  target?: number;
  owner?: string;
  due?: string;
  startDate?: string;
}
export interface ExpectedNewKr {
  objective?: string;
  title?: string;
  start?: number;
  target?: number;
}
export interface ExpectedObjective {
  title?: string;
  team?: string;
  owner?: string;
  parent?: string;
}

export interface EvalCase {
  id: string;
  category: string;
  lang: "en" | "vi";
  fixture: string;
  asOf: string;
  /** Blind sets: how it is typed (slack, formal, no-diacritics, typos, mixed). */
  style?: string;
  turns: { user: string }[];
  expect: {
    calls?: { name: string; args?: Record<string, unknown> }[];
    /** The stored changes the run must leave; any other change fails the case and is a wrong write. */
    state?: {
      checkIns?: ExpectedCheckIn[];
      objectives?: ExpectedObjective[];
      /** Our own set: new KRs (not those of a new objective) and changed KRs together. */
      keyResults?: (ExpectedNewKr & { title?: string })[];
      /** Blind sets: KRs created (including a new objective's own) and KRs changed, apart. */
      newKeyResults?: ExpectedNewKr[];
      keyResultUpdates?: ExpectedKrUpdate[];
      corrections?: ExpectedCorrection[];
    };
    noWrites?: boolean;
    asks?: boolean;
    /** Refs the clarifying question must offer. */
    askCandidates?: string[];
    /** At least one must appear in the answers. */
    answerIncludes?: string[];
    /** All must appear in the answers. */
    answerIncludesAll?: string[];
    critic?: string[];
    grounded?: boolean;
  };
}

interface BlindCase {
  id: string;
  family: string;
  lang: "en" | "vi";
  style?: string;
  turns: { user: string }[];
  expect: {
    writes?: {
      checkIns?: ExpectedCheckIn[];
      keyResultUpdates?: ExpectedKrUpdate[];
      corrections?: ExpectedCorrection[];
      objectives?: ExpectedObjective[];
      newKeyResults?: ExpectedNewKr[];
    };
    asks?: boolean;
    askCandidates?: string[];
    answerIncludes?: string[];
    answerIncludesAll?: string[];
    calls?: { name: string; args?: Record<string, unknown> }[];
  };
}

/** Either format, as one EvalCase. Blind cases run on acme as of its reference date. */
export function normalizeCase(raw: EvalCase | BlindCase): EvalCase {
  if (!("family" in raw)) return raw;
  const { writes = {}, ...rest } = raw.expect;
  const any = Object.values(writes).some((list) => Array.isArray(list) && list.length > 0);
  return {
    id: raw.id,
    category: raw.family,
    lang: raw.lang,
    fixture: "acme",
    asOf: "2026-11-26",
    style: raw.style,
    turns: raw.turns,
    expect: { ...rest, ...(any ? { state: { ...writes, checkIns: writes.checkIns ?? [] } } : { noWrites: true }) },
  };
}

export interface Snapshot {
  /** As written: a corrected check-in keeps its original here. */
  checkIns: CheckIn[];
  corrections: CheckInCorrection[];
  objectives: Map<string, Objective>;
  keyResults: Map<string, KeyResult>;
}

export async function snapshot(svc: OkrService): Promise<Snapshot> {
  const ws = await svc.ws();
  return { checkIns: await svc.store.checkInsAsWritten(), corrections: await svc.store.corrections(), objectives: new Map(ws.objectives), keyResults: new Map(ws.keyResults) };
}

export interface RunRecord {
  answers: string[];
  calls: { name: string; args: Record<string, unknown>; isError: boolean; output: unknown }[];
}

export interface CheckResult {
  check: "calls" | "state" | "noWrites" | "asks" | "answer" | "critic" | "grounded";
  pass: boolean;
  detail?: string;
}

export interface CaseScore {
  checks: CheckResult[];
  /** Stored changes the case did not ask for (wrong KR, wrong value, a check-in for an update…). */
  wrongWrites: number;
  wrongWriteDetail: string[];
}

const norm = (s: unknown) =>
  foldText(String(s))
    .replace(/[^\p{L}\p{N}%.]+/gu, " ")
    .trim();
const close = (a: number, e: number) => Math.abs(a - e) <= 1e-6 + 0.001 * Math.abs(e);
const sameRef = (a: string | undefined, b: string) => a !== undefined && a.toUpperCase() === b.toUpperCase();
const contains = (actual: string, want: string) => norm(actual).includes(norm(want));

/** Two names for the same KR or objective (ref, id or title words), or failing that the same text. */
async function sameEntity(resolve: (q: string) => Promise<{ id: string }>, actual: unknown, expected: unknown): Promise<boolean> {
  try {
    const [a, e] = await Promise.all([resolve(String(actual)), resolve(String(expected))]);
    return a.id === e.id;
  } catch {
    return norm(actual) === norm(expected);
  }
}

async function argsMatch(svc: OkrService, actual: Record<string, unknown>, expected: Record<string, unknown>, teams: string[]): Promise<boolean> {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    if (got === undefined) return false;
    if (key === "keyResult" && !(await sameEntity((q) => svc.resolveKeyResult(q), got, want))) return false;
    else if (key === "objective" && !(await sameEntity((q) => svc.resolveObjective(q), got, want))) return false;
    else if (key === "team") {
      if ((matchTeam(String(got), teams) ?? norm(got)) !== (matchTeam(String(want), teams) ?? norm(want))) return false;
    } else if (key === "keyResult" || key === "objective") continue;
    else if (typeof want === "number") {
      if (typeof got !== "number" || !close(got, want)) return false;
    } else if (typeof want === "string") {
      if (norm(got) !== norm(want)) return false;
    } else if (JSON.stringify(got) !== JSON.stringify(want)) return false;
  }
  return true;
}

/** Takes the first item of `pool` that `fits`, or reports `want` as missing. */
function take<T, W>(pool: T[], want: W, fits: (x: T, w: W) => boolean, missing: string[], label: string): void {
  const i = pool.findIndex((x) => fits(x, want));
  if (i < 0) missing.push(`no ${label} ${JSON.stringify(want)}`);
  else pool.splice(i, 1);
}

/** Scores a finished run. `before` and `after` are store snapshots around it. */
export async function scoreCase(c: EvalCase, run: RunRecord, svc: OkrService, before: Snapshot, after: Snapshot): Promise<CaseScore> {
  const out: CheckResult[] = [];
  const e = c.expect;
  const ws = await svc.ws();
  const teams = ws.teams();
  const refOf = (krId: string) => after.keyResults.get(krId)?.ref ?? "?";
  const objectiveRef = (id: string | null | undefined) => (id ? after.objectives.get(id)?.ref : undefined);

  if (e.calls) {
    const missing: string[] = [];
    for (const want of e.calls) {
      let found = false;
      for (const got of run.calls) if (got.name === want.name && !got.isError && (await argsMatch(svc, got.args, want.args ?? {}, teams))) found = true;
      if (!found) missing.push(`${want.name}(${JSON.stringify(want.args ?? {})})`);
    }
    out.push({
      check: "calls",
      pass: missing.length === 0,
      detail: missing.length
        ? `missing ${missing.join(", ")}; made ${run.calls.map((x) => `${x.name}(${JSON.stringify(x.args)})${x.isError ? "!" : ""}`).join(", ") || "none"}`
        : undefined,
    });
  }

  // Every stored change of the run, by kind.
  const beforeIds = new Set(before.checkIns.map((x) => x.id));
  const checkIns = after.checkIns.filter((x) => !beforeIds.has(x.id));
  const beforeFixes = new Set(before.corrections.map((x) => x.id));
  const corrections = after.corrections.filter((x) => !beforeFixes.has(x.id));
  const objectives = [...after.objectives.values()].filter((o) => !before.objectives.has(o.id));
  const newObjectiveIds = new Set(objectives.map((o) => o.id));
  const createdKrs = [...after.keyResults.values()].filter((k) => !before.keyResults.has(k.id));
  const updatedKrs = [...after.keyResults.values()].filter((k) => {
    const old = before.keyResults.get(k.id);
    return old !== undefined && JSON.stringify(old) !== JSON.stringify(k);
  });
  const writes = checkIns.length + corrections.length + objectives.length + createdKrs.length + updatedKrs.length;

  let wrong: string[] = [];
  if (e.state) {
    const s = e.state;
    const missing: string[] = [];
    const ci = [...checkIns];
    for (const want of s.checkIns ?? [])
      take(
        ci,
        want,
        (x, w) =>
          sameRef(refOf(x.krId), w.kr) &&
          close(x.value, w.value) &&
          (w.confidence === undefined || x.confidence === w.confidence) &&
          (w.date === undefined || x.date === w.date) &&
          (w.note === undefined || contains(x.note, w.note)),
        missing,
        "check-in",
      );
    const fixes = [...corrections];
    for (const want of s.corrections ?? [])
      take(
        fixes,
        want,
        (x, w) =>
          sameRef(refOf(x.krId), w.kr) &&
          (w.retract
            ? x.action === "retract"
            : x.action === "correct" &&
              (w.value === undefined || (x.value !== undefined && close(x.value, w.value))) &&
              (w.confidence === undefined || x.confidence === w.confidence) &&
              (w.date === undefined || x.date === w.date)),
        missing,
        "correction",
      );
    const objs = [...objectives];
    for (const want of s.objectives ?? [])
      take(
        objs,
        want,
        (o, w) =>
          (w.title === undefined || contains(o.title, w.title)) &&
          (w.team === undefined || o.team === (matchTeam(w.team, teams) ?? w.team)) &&
          (w.owner === undefined || contains(o.owner, w.owner)) &&
          (w.parent === undefined || sameRef(objectiveRef(o.parentId), w.parent)),
        missing,
        "objective",
      );
    const krFits = (k: KeyResult, w: ExpectedNewKr) =>
      (w.objective === undefined || sameRef(objectiveRef(k.objectiveId), w.objective)) &&
      (w.title === undefined || contains(k.title, w.title)) &&
      (w.start === undefined || close(k.start, w.start)) &&
      (w.target === undefined || close(k.target, w.target));
    let krs: KeyResult[];
    if (s.keyResults) {
      // Our own set's meaning: KRs of a new objective go with it; the rest are new or changed KRs.
      krs = [...createdKrs.filter((k) => !newObjectiveIds.has(k.objectiveId)), ...updatedKrs];
      for (const want of s.keyResults) take(krs, want, krFits, missing, "key result");
    } else {
      const created = [...createdKrs];
      const updated = [...updatedKrs];
      for (const want of s.newKeyResults ?? []) take(created, want, krFits, missing, "new key result");
      for (const want of s.keyResultUpdates ?? [])
        take(
          updated,
          want,
          (k, w) =>
            sameRef(k.ref, w.kr) &&
            (w.title === undefined || contains(k.title, w.title)) &&
            (w.target === undefined || close(k.target, w.target)) &&
            (w.owner === undefined || contains(k.owner, w.owner)) &&
            (w.due === undefined || k.due === w.due) &&
            (w.startDate === undefined || k.startDate === w.startDate),
          missing,
          "key result update",
        );
      // A new objective's KRs are part of it unless the case lists them.
      krs = [...created.filter((k) => !newObjectiveIds.has(k.objectiveId) || (s.newKeyResults ?? []).length > 0), ...updated];
    }
    wrong = [
      ...ci.map((x) => `check-in ${refOf(x.krId)}=${x.value}`),
      ...fixes.map((x) => `${x.action} ${refOf(x.krId)}${x.value !== undefined ? `=${x.value}` : ""}`),
      ...objs.map((o) => `objective "${o.title}"`),
      ...krs.map((k) => `KR ${k.ref}${before.keyResults.has(k.id) ? " changed" : " created"}`),
    ];
    const problems = [...missing, ...(wrong.length ? [`${wrong.length} other write(s): ${wrong.join(", ")}`] : [])];
    out.push({ check: "state", pass: problems.length === 0, detail: problems.join("; ") || undefined });
  } else if (writes) {
    // Nothing was asked to be written.
    wrong = [
      ...checkIns.map((x) => `check-in ${refOf(x.krId)}=${x.value}`),
      ...corrections.map((x) => `${x.action} ${refOf(x.krId)}`),
      ...objectives.map((o) => `objective "${o.title}"`),
      ...[...createdKrs, ...updatedKrs].map((k) => `KR ${k.ref}`),
    ];
  }
  if (e.noWrites) out.push({ check: "noWrites", pass: writes === 0, detail: writes ? `${writes} write(s): ${wrong.join(", ")}` : undefined });
  const last = run.answers.at(-1) ?? "";
  if (e.asks) {
    const asked = last.includes("?");
    const offered = (e.askCandidates ?? []).filter((ref) => !new RegExp(`\\b${ref.replace(".", "\\.")}\\b`, "i").test(last));
    out.push({
      check: "asks",
      pass: asked && offered.length === 0,
      detail: !asked ? `answer: ${last.slice(0, 120)}` : offered.length ? `question does not offer ${offered.join(", ")}: ${last.slice(0, 160)}` : undefined,
    });
  }
  const all = run.answers.join("\n").toLowerCase();
  if (e.answerIncludes) {
    const ok = e.answerIncludes.some((s) => all.includes(s.toLowerCase()));
    out.push({ check: "answer", pass: ok, detail: ok ? undefined : `none of ${JSON.stringify(e.answerIncludes)} in: ${last.slice(0, 160)}` });
  }
  if (e.answerIncludesAll) {
    const missing = e.answerIncludesAll.filter((s) => !all.includes(s.toLowerCase()));
    out.push({ check: "answer", pass: missing.length === 0, detail: missing.length ? `missing ${JSON.stringify(missing)} in: ${last.slice(0, 160)}` : undefined });
  }
  if (e.critic) {
    const rules = new Set(
      run.calls
        .filter((x) => x.name === "critique_objective" || x.name === "create_objective")
        .flatMap((x) => ((x.output as { findings?: { rule: string }[] } | null)?.findings ?? []).map((f) => f.rule)),
    );
    const missing = e.critic.filter((r) => !rules.has(r));
    out.push({ check: "critic", pass: missing.length === 0, detail: missing.length ? `missing rules ${missing.join(", ")}; got ${[...rules].join(", ") || "none"}` : undefined });
  }
  if (e.grounded) {
    const summary = run.calls.find((x) => x.name === "weekly_summary")?.output as { grounded?: boolean } | undefined;
    out.push({ check: "grounded", pass: summary?.grounded === true, detail: summary ? undefined : "no weekly_summary call" });
  }
  return { checks: out, wrongWrites: wrong.length, wrongWriteDetail: wrong };
}
