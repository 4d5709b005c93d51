// Builds new cycles, objectives and key results from what a caller gave: validates every field,
// fills sensible defaults and generates the next free short ref (O7, KR7.3). Pure over a Workspace.

import { newId } from "./ids.js";
import { acceptValue } from "../domain/values.js";
import { acceptText, type TextKind } from "../domain/text.js";
import { tryParseDay } from "../domain/dates.js";
import { OkrError, invalidInput as bad } from "../domain/errors.js";
import { nextKrRef, nextObjectiveRef } from "../domain/refs.js";
import { spelledTeam } from "../domain/teams.js";
import { DIRECTIONS, KR_KINDS, type Cycle, type Direction, type KeyResult, type KrKind, type Objective } from "../domain/types.js";
import type { Workspace } from "./workspace.js";

export interface NewCycle {
  name: string;
  start: string;
  end: string;
}

export interface NewObjective {
  title: string;
  team: string;
  owner?: string;
  description?: string;
  /** Cycle name; default: the cycle containing asOf (or else the latest one). */
  cycle?: string;
  parentId?: string | null;
  committed?: boolean;
}

export interface NewKeyResult {
  title: string;
  owner?: string;
  kind?: KrKind;
  /** Default: increase, or decrease when the target is below the start. */
  direction?: Direction;
  unit?: string;
  start?: number;
  target?: number;
  weight?: number | null;
  /** When pace starts counting. Default: the day it is added (`today`), or the cycle start when
   *  it is added before the cycle begins. */
  startDate?: string | null;
  due?: string | null;
}

export function buildCycle(ws: Workspace, c: NewCycle): Cycle {
  const name = c.name.trim();
  if (!name) throw bad("A cycle needs a name, e.g. 2027-Q1");
  if (ws.cycleByName(name)) throw new OkrError("conflict", `A cycle named ${name} already exists`);
  if (tryParseDay(c.start) === null || tryParseDay(c.end) === null) throw bad("Cycle start and end must be dates as YYYY-MM-DD");
  if (c.start >= c.end) throw bad(`The cycle must end after it starts (${c.start} → ${c.end})`);
  return { id: newId(), name, start: c.start, end: c.end };
}

export function pickCycle(ws: Workspace, name: string | undefined, asOf: string): Cycle {
  const cycles = [...ws.cycles.values()];
  if (name !== undefined) {
    const found = ws.cycleByName(name.trim());
    if (!found) throw new OkrError("not_found", `No cycle named "${name}". Cycles: ${cycles.map((c) => c.name).join(", ") || "(none yet)"}.`);
    return found;
  }
  const current = cycles.find((c) => c.start <= asOf && asOf <= c.end);
  const latest = cycles.sort((a, b) => (a.start < b.start ? 1 : -1))[0];
  const cycle = current ?? latest;
  if (!cycle)
    throw new OkrError("conflict", "There is no cycle yet, so there is nowhere to put this.", {
      hint: { cli: "Import a workspace first (okr import FILE), or try okr demo.", mcp: "No tool creates cycles: ask the person to import a workspace first." },
    });
  return cycle;
}

/** `value` as it may be stored (domain/text.ts), or the one-line refusal. */
const text = (value: string | undefined, kind: TextKind, field: string): string => acceptText(value, kind, field, bad);

export function buildObjective(ws: Workspace, o: NewObjective, asOf: string, now: string): Objective {
  const title = text(o.title, "title", "The title").replace(/\s+/g, " ");
  // The workspace's own spelling of a team typed another way ("product", "Prodúct", two spaces): one
  // team stays one team, in lists, filters and who may write to it. A new name stays as typed.
  const typedTeam = text(o.team, "name", "The team");
  const team = spelledTeam(typedTeam, ws.teams()) ?? typedTeam;
  if (!title) throw bad("An objective needs a title: a short, qualitative statement of what you want to achieve.");
  if (!team) throw bad("Say which team the objective belongs to (a team may be the whole company).");
  const cycle = pickCycle(ws, o.cycle, asOf);
  if (o.parentId && !ws.objectives.has(o.parentId)) throw new OkrError("not_found", `Parent objective ${o.parentId} does not exist`);
  const ref = nextObjectiveRef([...ws.objectives.values()].map((x) => x.ref));
  return {
    id: newId(),
    ref,
    title,
    description: text(o.description, "description", "The description"),
    team,
    owner: text(o.owner, "name", "The owner"),
    cycleId: cycle.id,
    parentId: o.parentId ?? null,
    committed: o.committed ?? true,
    createdAt: now,
    updatedAt: now,
  };
}

/** Where a new KR goes: its objective (maybe itself new), the objective's cycle, and the KR refs
 *  already taken (the workspace's plus any built earlier in the same write). */
export interface KrPlacement {
  objective: Objective;
  cycle: Cycle;
  takenRefs: Set<string>;
}

export function placementFor(ws: Workspace, objective: Objective): KrPlacement {
  return { objective, cycle: ws.cycles.get(objective.cycleId)!, takenRefs: new Set([...ws.keyResults.values()].map((k) => k.ref.toUpperCase())) };
}

/** The start date a new KR gets: the one given, else today when the cycle is already under way
 *  (null, meaning the cycle start, otherwise). */
function defaultStartDate(cycle: Cycle, today: string): string | null {
  return today > cycle.start && today <= cycle.end ? today : null;
}

export function buildKeyResult(at: KrPlacement, k: NewKeyResult, now: string, today: string): KeyResult {
  const { objective, cycle } = at;
  const title = text(k.title, "title", "The title").replace(/\s+/g, " ");
  if (!title) throw bad('A key result needs a title that says what is measured, e.g. "Raise 30-day retention from 45% to 60%".');
  const kind = k.kind ?? "metric";
  if (!KR_KINDS.includes(kind)) throw bad(`kind must be one of ${KR_KINDS.join(", ")}`);
  const start = k.start ?? 0;
  const target = k.target ?? (kind === "milestone" ? 1 : undefined);
  if (target === undefined) throw bad(`Key result "${title}" needs a target value (and usually a start value).`);
  acceptValue(start, "start", bad);
  acceptValue(target, "target", bad);
  const direction = k.direction ?? (target < start ? "decrease" : "increase");
  if (!DIRECTIONS.includes(direction)) throw bad(`direction must be one of ${DIRECTIONS.join(", ")}`);
  if (direction === "increase" && target < start) throw bad(`An increasing key result needs a target above its start (${start} → ${target}); use direction decrease.`);
  if (direction === "decrease" && target > start) throw bad(`A decreasing key result needs a target below its start (${start} → ${target}); use direction increase.`);
  if (k.weight !== undefined && k.weight !== null && !(k.weight > 0)) throw bad("weight must be a positive number");
  checkDue(k.due, cycle);
  const startDate = k.startDate !== undefined ? k.startDate : defaultStartDate(cycle, today);
  checkStartDate(startDate, k.due ?? null, cycle);
  const ref = nextKrRef(objective.ref, at.takenRefs);
  at.takenRefs.add(ref.toUpperCase());
  return {
    id: newId(),
    ref,
    objectiveId: objective.id,
    title,
    owner: text(k.owner, "name", "The owner"),
    kind,
    direction,
    unit: text(k.unit, "unit", "The unit"),
    start,
    target,
    weight: k.weight ?? null,
    startDate,
    due: k.due ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export function checkDue(due: string | null | undefined, cycle: Cycle): void {
  if (due && (tryParseDay(due) === null || due < cycle.start || due > cycle.end)) throw bad(`due must be a date inside the cycle ${cycle.name} (${cycle.start} to ${cycle.end})`);
}

/** A start date must lie in the cycle and before the due date (or cycle end). */
export function checkStartDate(startDate: string | null, due: string | null, cycle: Cycle): void {
  if (startDate === null) return;
  if (tryParseDay(startDate) === null || startDate < cycle.start || startDate > cycle.end)
    throw bad(`start date must be a date inside the cycle ${cycle.name} (${cycle.start} to ${cycle.end}), not ${startDate}`);
  const end = due ?? cycle.end;
  if (startDate >= end) throw bad(`start date ${startDate} must be before the ${due ? "due date" : "cycle end"} ${end}`);
}

export interface KeyResultChanges {
  title?: string;
  target?: number;
  owner?: string;
  due?: string | null;
  /** When pace starts; null = the cycle start. */
  startDate?: string | null;
}

/** A new revision of a KR with the changes applied, and which fields really changed (none: no write). */
export function reviseKeyResult(kr: KeyResult, cycle: Cycle, c: KeyResultChanges, now: string): { next: KeyResult; changed: string[] } {
  const next = { ...kr };
  if (c.title !== undefined) {
    const title = text(c.title, "title", "The title").replace(/\s+/g, " ");
    if (!title) throw bad("title cannot be empty");
    next.title = title;
  }
  if (c.target !== undefined) {
    acceptValue(c.target, "target", bad);
    if (kr.direction === "increase" && c.target < kr.start) throw bad(`${kr.ref} increases from ${kr.start}: the target must be above it`);
    if (kr.direction === "decrease" && c.target > kr.start) throw bad(`${kr.ref} decreases from ${kr.start}: the target must be below it`);
    next.target = c.target;
  }
  if (c.owner !== undefined) next.owner = text(c.owner, "name", "The owner");
  if (c.due !== undefined) {
    checkDue(c.due, cycle);
    next.due = c.due;
  }
  if (c.startDate !== undefined) next.startDate = c.startDate;
  next.startDate ??= null;
  if (c.startDate !== undefined || c.due !== undefined) checkStartDate(next.startDate, next.due, cycle);
  const changed = (["title", "target", "owner", "due", "startDate"] as const).filter((f) => next[f] !== (kr[f] ?? null));
  if (changed.length) next.updatedAt = now;
  return { next, changed };
}
