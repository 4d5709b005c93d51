// One agent eval case: its format, and how a run of it is scored (calls, state, asking, answer).

import { foldText } from "../src/domain/resolve.js";
import { matchTeam } from "../src/domain/teams.js";
import type { CheckIn, KeyResult, Objective } from "../src/domain/types.js";
import type { OkrService } from "../src/service/okr-service.js";

export interface EvalCase {
  id: string;
  category: string;
  lang: "en" | "vi";
  fixture: string;
  asOf: string;
  turns: { user: string }[];
  expect: {
    calls?: { name: string; args?: Record<string, unknown> }[];
    state?: {
      checkIns?: { kr: string; value: number; confidence?: number; note?: string }[];
      objectives?: { title?: string; team?: string }[];
      keyResults?: { objective?: string; title?: string; start?: number; target?: number }[];
    };
    noWrites?: boolean;
    asks?: boolean;
    answerIncludes?: string[];
    critic?: string[];
    grounded?: boolean;
  };
}

export interface Snapshot {
  checkIns: CheckIn[];
  objectives: Map<string, Objective>;
  keyResults: Map<string, KeyResult>;
}

export async function snapshot(svc: OkrService): Promise<Snapshot> {
  const ws = await svc.ws();
  return { checkIns: await svc.store.checkIns(), objectives: new Map(ws.objectives), keyResults: new Map(ws.keyResults) };
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

const norm = (s: unknown) => foldText(String(s)).replace(/[^\p{L}\p{N}%.]+/gu, " ").trim();
const close = (a: number, e: number) => Math.abs(a - e) <= 1e-6 + 0.001 * Math.abs(e);

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

/** Scores a finished run. `before` and `after` are store snapshots around it. */
export async function scoreCase(c: EvalCase, run: RunRecord, svc: OkrService, before: Snapshot, after: Snapshot): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const e = c.expect;
  const ws = await svc.ws();
  const teams = ws.teams();
  const refOf = (krId: string) => after.keyResults.get(krId)?.ref ?? "?";

  if (e.calls) {
    const missing: string[] = [];
    for (const want of e.calls) {
      let found = false;
      for (const got of run.calls) if (got.name === want.name && !got.isError && (await argsMatch(svc, got.args, want.args ?? {}, teams))) found = true;
      if (!found) missing.push(`${want.name}(${JSON.stringify(want.args ?? {})})`);
    }
    out.push({ check: "calls", pass: missing.length === 0, detail: missing.length ? `missing ${missing.join(", ")}; made ${run.calls.map((x) => `${x.name}(${JSON.stringify(x.args)})${x.isError ? "!" : ""}`).join(", ") || "none"}` : undefined });
  }

  // Writes: new check-ins, new objectives, new or changed KRs (other than a new objective's own).
  const beforeIds = new Set(before.checkIns.map((x) => x.id));
  const newCheckIns = after.checkIns.filter((x) => !beforeIds.has(x.id));
  const newObjectives = [...after.objectives.values()].filter((o) => !before.objectives.has(o.id));
  const newObjectiveIds = new Set(newObjectives.map((o) => o.id));
  const changedKrs = [...after.keyResults.values()].filter((k) => {
    const old = before.keyResults.get(k.id);
    return old ? JSON.stringify(old) !== JSON.stringify(k) : !newObjectiveIds.has(k.objectiveId);
  });
  const writes = newCheckIns.length + newObjectives.length + changedKrs.length;

  if (e.state) {
    const problems: string[] = [];
    const pool = [...newCheckIns];
    for (const want of e.state.checkIns ?? []) {
      const i = pool.findIndex((x) => refOf(x.krId).toUpperCase() === want.kr.toUpperCase() && close(x.value, want.value) && (want.confidence === undefined || x.confidence === want.confidence) && (want.note === undefined || norm(x.note).includes(norm(want.note))));
      if (i < 0) problems.push(`no check-in ${JSON.stringify(want)}`);
      else pool.splice(i, 1);
    }
    const objPool = [...newObjectives];
    for (const want of e.state.objectives ?? []) {
      const i = objPool.findIndex((o) => (want.title === undefined || norm(o.title) === norm(want.title)) && (want.team === undefined || o.team === (matchTeam(want.team, teams) ?? want.team)));
      if (i < 0) problems.push(`no objective ${JSON.stringify(want)}`);
      else objPool.splice(i, 1);
    }
    const krPool = [...changedKrs];
    for (const want of e.state.keyResults ?? []) {
      const i = krPool.findIndex((k) => (want.objective === undefined || after.objectives.get(k.objectiveId)?.ref.toUpperCase() === want.objective.toUpperCase()) && (want.title === undefined || norm(k.title).includes(norm(want.title))) && (want.start === undefined || close(k.start, want.start)) && (want.target === undefined || close(k.target, want.target)));
      if (i < 0) problems.push(`no key result ${JSON.stringify(want)}`);
      else krPool.splice(i, 1);
    }
    const extra = pool.length + objPool.length + krPool.length;
    if (extra) problems.push(`${extra} other write(s): ${[...pool.map((x) => `check-in ${refOf(x.krId)}=${x.value}`), ...objPool.map((o) => `objective "${o.title}"`), ...krPool.map((k) => `KR ${k.ref}`)].join(", ")}`);
    out.push({ check: "state", pass: problems.length === 0, detail: problems.join("; ") || undefined });
  }
  if (e.noWrites) out.push({ check: "noWrites", pass: writes === 0, detail: writes ? `${writes} write(s)` : undefined });
  const last = run.answers.at(-1) ?? "";
  if (e.asks) out.push({ check: "asks", pass: last.includes("?"), detail: last.includes("?") ? undefined : `answer: ${last.slice(0, 120)}` });
  if (e.answerIncludes) {
    const all = run.answers.join("\n").toLowerCase();
    const ok = e.answerIncludes.some((s) => all.includes(s.toLowerCase()));
    out.push({ check: "answer", pass: ok, detail: ok ? undefined : `none of ${JSON.stringify(e.answerIncludes)} in: ${last.slice(0, 160)}` });
  }
  if (e.critic) {
    const rules = new Set(run.calls.filter((x) => x.name === "critique_objective" || x.name === "create_objective").flatMap((x) => ((x.output as { findings?: { rule: string }[] } | null)?.findings ?? []).map((f) => f.rule)));
    const missing = e.critic.filter((r) => !rules.has(r));
    out.push({ check: "critic", pass: missing.length === 0, detail: missing.length ? `missing rules ${missing.join(", ")}; got ${[...rules].join(", ") || "none"}` : undefined });
  }
  if (e.grounded) {
    const summary = run.calls.find((x) => x.name === "weekly_summary")?.output as { grounded?: boolean } | undefined;
    out.push({ check: "grounded", pass: summary?.grounded === true, detail: summary ? undefined : "no weekly_summary call" });
  }
  return out;
}
