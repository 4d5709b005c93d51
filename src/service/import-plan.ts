// Turns ImportData into one write batch against the current workspace: matches cycles by name and
// objectives/KRs by ref (so re-importing changes nothing), skips check-ins already stored, and
// collects every cross-reference problem so a bad import writes nothing at all. Check-ins are planned
// chunk by chunk (CheckInPlanner), so a file of millions of them is never in memory as objects. A ref that names a
// different objective or KR than the one stored under it (another workspace's O1) is a collision:
// the caller refuses the import unless renames were asked for.

import { newId } from "./ids.js";
import { normalizeRef } from "../domain/refs.js";
import { sameTitle } from "../domain/resolve.js";
import { storedText, type TextKind } from "../domain/text.js";
import type { CheckIn, CheckInCorrection, Cycle, KeyResult, Objective } from "../domain/types.js";
import type { ImportCheckIn, ImportCorrection, ImportData } from "../io/import-data.js";
import type { WriteBatch } from "../store/store.js";
import type { CheckInChunk } from "../io/import-csv.js";
import type { Workspace } from "./workspace.js";

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

/** A ref that the import and the workspace use for differently titled items (see sameTitle). */
export interface TitleChange {
  kind: "objective" | "key result";
  ref: string;
  stored: string;
  incoming: string;
  at: string;
}

export interface ImportSummary {
  cycles: Counts;
  objectives: Counts;
  keyResults: Counts;
  checkIns: { added: number; skipped: number };
  corrections: { added: number; skipped: number };
  /** Audit entries restored from an export, and those already stored. */
  audit: { added: number; skipped: number };
  /** Retitled objectives and KRs, written because renames were allowed (else they are collisions). */
  renamed: TitleChange[];
}

/** A stored check-in as import sees it: its id, and the corrections it already has. */
interface StoredCheckIn {
  id: string;
  /** Made on its first correction: a re-import of a million stored check-ins made a million sets. */
  corrections: Set<string> | null;
}

export interface ImportPlan {
  /** Cycles, objectives and KRs; check-ins come from `checkIns`, chunk by chunk. */
  batch: WriteBatch;
  checkIns: CheckInPlanner;
  summary: ImportSummary;
  problems: string[];
  /** Refs naming other items than the stored ones; empty when renames are allowed. */
  collisions: TitleChange[];
}

export interface ImportOptions {
  /** Read a ref whose title changed as a rename of the stored item instead of a collision. */
  allowRenames?: boolean;
  /** Check-ins read while the import runs (a streamed CSV: see openImportSource), after the data's. */
  checkInChunks?: AsyncIterable<CheckInChunk>;
}

const counts = (): Counts => ({ added: 0, updated: 0, unchanged: 0 });

function checkInKey(date: string, value: number, confidence: number, author: string, note: string): string {
  // Joined, not a template: one flat string rather than a rope of nine pieces, and a re-import
  // keeps a key for each stored check-in (a million of them).
  return [date, value, confidence, author, note].join("|");
}

/** Stored check-ins by checkInKey: one, or several equal ones. */
type StoredByKey = Map<string, StoredCheckIn | StoredCheckIn[]>;

/** Takes one stored check-in of `key` (the last given of equal ones), if any is left. */
function takeStored(map: StoredByKey | undefined, key: string): StoredCheckIn | undefined {
  const v = map?.get(key);
  if (v === undefined || !Array.isArray(v)) {
    if (v) map!.delete(key);
    return v;
  }
  return v.pop();
}

function correctionKey(c: ImportCorrection): string {
  return JSON.stringify([c.action, c.date ?? null, c.value ?? null, c.confidence ?? null, c.note ?? null, c.reason, c.author]);
}

/** Plans the cycles, objectives and KRs of `data`; its check-ins (and any streamed later) go
 *  through the returned plan's `checkIns` planner. */
export function planImport(ws: Workspace, data: Omit<ImportData, "checkIns">, now: string, opts: ImportOptions = {}): ImportPlan {
  const problems: string[] = [];
  const batch: Required<Omit<WriteBatch, "checkIns" | "corrections" | "users" | "audit">> = { cycles: [], objectives: [], keyResults: [] };
  const summary: ImportSummary = {
    cycles: counts(),
    objectives: counts(),
    keyResults: counts(),
    checkIns: { added: 0, skipped: 0 },
    corrections: { added: 0, skipped: 0 },
    audit: { added: 0, skipped: 0 },
    renamed: [],
  };
  const titleChanges: TitleChange[] = [];

  /** Text as it may be stored (domain/text.ts); a problem (too long) names where the item is. */
  const clean = (at: string, value: string, kind: TextKind, field: string) => {
    const r = storedText(value, kind, field);
    if (r.problem) problems.push(`${at}: ${r.problem}`);
    return r.text.trim();
  };

  const cycles = new Map<string, Cycle>();
  for (const c of ws.cycles.values()) cycles.set(c.name, c);
  for (const c of data.cycles) {
    const old = cycles.get(c.name);
    const next: Cycle = { id: old?.id ?? newId(), name: c.name, start: c.start, end: c.end };
    cycles.set(c.name, next);
    const outcome = !old ? "added" : old.start !== c.start || old.end !== c.end ? "updated" : "unchanged";
    summary.cycles[outcome]++;
    if (outcome !== "unchanged") batch.cycles.push(next);
  }

  // Objective ids first, so parents can point at objectives defined later in the same file.
  const objectiveIds = new Map<string, string>();
  for (const o of ws.objectives.values()) objectiveIds.set(normalizeRef(o.ref), o.id);
  for (const o of data.objectives) if (!objectiveIds.has(normalizeRef(o.ref))) objectiveIds.set(normalizeRef(o.ref), newId());

  const objectives = new Map<string, Objective>(); // by id, after the import
  for (const o of ws.objectives.values()) objectives.set(o.id, o);
  for (const o of data.objectives) {
    const id = objectiveIds.get(normalizeRef(o.ref))!;
    const cycle = cycles.get(o.cycle);
    if (!cycle) problems.push(`${o.at}: cycle "${o.cycle}" is not defined in the import or the workspace`);
    let parentId: string | null = null;
    if (o.parentRef) {
      parentId = objectiveIds.get(normalizeRef(o.parentRef)) ?? null;
      if (!parentId) problems.push(`${o.at}: parent objective ${o.parentRef} is not in the import or the workspace`);
    }
    if (!cycle || (o.parentRef && !parentId)) continue;
    const old = ws.objectives.get(id);
    if (old && !sameTitle(old.title, o.title)) titleChanges.push({ kind: "objective", ref: old.ref, stored: old.title, incoming: o.title, at: o.at });
    const next: Objective = {
      id,
      ref: old?.ref ?? o.ref,
      title: clean(o.at, o.title, "title", "the title"),
      description: clean(o.at, o.description, "description", "the description"),
      team: clean(o.at, o.team, "name", "the team"),
      owner: clean(o.at, o.owner, "name", "the owner"),
      cycleId: cycle.id,
      parentId,
      committed: o.committed,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    objectives.set(id, next);
    const outcome = !old ? "added" : sameObjective(old, next) ? "unchanged" : "updated";
    summary.objectives[outcome]++;
    if (outcome !== "unchanged") batch.objectives.push(next);
  }
  for (const o of data.objectives) {
    if (hasParentLoop(objectiveIds.get(normalizeRef(o.ref))!, objectives)) problems.push(`${o.at}: objective ${o.ref}'s parents form a loop`);
  }

  const krs = new Map<string, KeyResult>(); // by normalized ref, after the import
  for (const k of ws.keyResults.values()) krs.set(normalizeRef(k.ref), k);
  for (const k of data.keyResults) {
    const objectiveId = objectiveIds.get(normalizeRef(k.objectiveRef));
    if (!objectiveId || !objectives.has(objectiveId)) {
      if (!objectiveId) problems.push(`${k.at}: objective ${k.objectiveRef} is not in the import or the workspace`);
      continue;
    }
    const old = ws.keyResultByRef(k.ref);
    if (old && !sameTitle(old.title, k.title)) titleChanges.push({ kind: "key result", ref: old.ref, stored: old.title, incoming: k.title, at: k.at });
    const next: KeyResult = {
      id: old?.id ?? newId(),
      ref: old?.ref ?? k.ref,
      objectiveId,
      title: clean(k.at, k.title, "title", "the title"),
      owner: clean(k.at, k.owner, "name", "the owner"),
      kind: k.kind,
      direction: k.direction,
      unit: clean(k.at, k.unit, "unit", "the unit"),
      start: k.start,
      target: k.target,
      weight: k.weight,
      startDate: k.startDate !== undefined ? k.startDate : (old?.startDate ?? null),
      due: k.due,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
    krs.set(normalizeRef(k.ref), next);
    const outcome = !old ? "added" : sameKr(old, next) ? "unchanged" : "updated";
    summary.keyResults[outcome]++;
    if (outcome !== "unchanged") batch.keyResults.push(next);
  }

  if (opts.allowRenames) summary.renamed = titleChanges;
  const checkIns = new CheckInPlanner(ws, krs, objectives, cycles, summary, now);
  return { batch, checkIns, summary, problems, collisions: opts.allowRenames ? [] : titleChanges };
}

/**
 * Plans check-ins against the KRs an import leaves, one chunk at a time. A check-in equal to a
 * stored one (same KR, date, value, confidence, author and note, as written) is skipped, so
 * importing a file again adds nothing; equal check-ins are counted, not collapsed: two equal ones
 * in a file and one stored add one. The stored check-ins of a KR are read the first time a chunk
 * names it (`storedFor`), and only for KRs the workspace already had.
 */
const NO_TEXT = { text: "", problem: null };

export class CheckInPlanner {
  /** Per KR id, per checkInKey, the stored check-ins not yet matched by an imported one. */
  private readonly stored = new Map<string, StoredByKey>();
  private readonly cycleById: Map<string, Cycle>;

  constructor(
    private readonly ws: Workspace,
    private readonly krs: Map<string, KeyResult>,
    private readonly objectives: Map<string, Objective>,
    cycles: Map<string, Cycle>,
    private readonly summary: ImportSummary,
    private readonly now: string,
  ) {
    this.cycleById = new Map([...cycles.values()].map((c) => [c.id, c]));
  }

  /** Each ref as a file spells it, with its KR and that KR's cycle: a million rows name a few
   *  thousand KRs, so each spelling is looked up once. */
  private readonly byRef = new Map<string, { kr: KeyResult; cycle: Cycle | undefined } | null>();

  private target(krRef: string): { kr: KeyResult; cycle: Cycle | undefined } | null {
    let t = this.byRef.get(krRef);
    if (t === undefined) {
      const kr = this.krs.get(normalizeRef(krRef));
      t = kr ? { kr, cycle: this.cycleById.get(this.objectives.get(kr.objectiveId)?.cycleId ?? "") } : null;
      this.byRef.set(krRef, t);
    }
    return t;
  }

  /** Authors repeat across a file: each is cleaned and checked once. */
  private readonly authors = new Map<string, { text: string; problem: string | null }>();

  /** Ids of stored KRs that `chunk` names whose stored check-ins have not been given yet. */
  storedNeeded(chunk: readonly ImportCheckIn[]): string[] {
    const out = new Set<string>();
    for (const c of chunk) {
      const kr = this.target(c.krRef)?.kr;
      if (kr && !this.stored.has(kr.id) && this.ws.keyResults.has(kr.id)) out.add(kr.id);
    }
    return [...out];
  }

  /** How many stored KRs' check-ins have not been given yet. */
  storedNotYetGivenCount(): number {
    return this.ws.keyResults.size - this.stored.size;
  }

  /** Ids of every stored KR whose stored check-ins have not been given yet. */
  storedNotYetGiven(): string[] {
    const out: string[] = [];
    for (const id of this.ws.keyResults.keys()) if (!this.stored.has(id)) out.push(id);
    return out;
  }

  /** The stored check-ins (as written, not as corrected: re-importing a file whose check-in was
   *  corrected since must not bring the old value back) and corrections of `krIds`. */
  storedFor(krIds: readonly string[], checkIns: readonly CheckIn[], corrections: readonly CheckInCorrection[]): void {
    const byId = corrections.length ? new Map<string, StoredCheckIn>() : null;
    for (const id of krIds) this.stored.set(id, new Map());
    for (const c of checkIns) {
      const map = this.stored.get(c.krId);
      if (!map) continue;
      const stored: StoredCheckIn = { id: c.id, corrections: null };
      const key = checkInKey(c.date, c.value, c.confidence, c.author, c.note);
      const same = map.get(key);
      if (same === undefined) map.set(key, stored);
      else if (Array.isArray(same)) same.push(stored);
      else map.set(key, [same, stored]);
      byId?.set(c.id, stored);
    }
    for (const x of corrections) {
      const stored = byId!.get(x.checkInId);
      if (stored) (stored.corrections ??= new Set()).add(correctionKey(x));
    }
  }

  /** The records `chunk` adds; its problems go to `problems`. */
  plan(chunk: readonly ImportCheckIn[], problems: string[]): { checkIns: CheckIn[]; corrections: CheckInCorrection[] } {
    const checkIns: CheckIn[] = [],
      corrections: CheckInCorrection[] = [];
    const { summary, now } = this;
    for (const c of chunk) {
      const t = this.target(c.krRef);
      if (!t) {
        problems.push(`${c.at}: unknown key result ${c.krRef} (not in okrs.csv nor in the workspace)`);
        continue;
      }
      const { kr, cycle } = t;
      if (cycle && (c.date < cycle.start || c.date > cycle.end)) {
        problems.push(`${c.at}: date ${c.date} is outside ${kr.ref}'s cycle ${cycle.name} (${cycle.start} to ${cycle.end})`);
        continue;
      }
      let author = this.authors.get(c.author);
      if (!author) this.authors.set(c.author, (author = storedText(c.author, "name", "the author")));
      const note = c.note ? storedText(c.note, "note", "the note") : NO_TEXT;
      const tooLong = note.problem ?? author.problem;
      if (tooLong) {
        problems.push(`${c.at}: ${tooLong}`);
        continue;
      }
      const noteText = note.text.trim(),
        authorText = author.text.trim();
      const stored = this.stored.get(kr.id);
      let target = stored && takeStored(stored, checkInKey(c.date, c.value, c.confidence, authorText, noteText));
      if (target) summary.checkIns.skipped++;
      else {
        const id = newId();
        checkIns.push({ id, krId: kr.id, date: c.date, value: c.value, confidence: c.confidence, note: noteText, author: authorText, createdAt: now });
        summary.checkIns.added++;
        // Only a check-in that comes with corrections needs to track them (a million rows of a CSV
        // each allocated an empty Set here).
        if (!c.corrections?.length) continue;
        target = { id, corrections: null };
      }
      for (const given of c.corrections ?? []) {
        const texts = [storedText(given.reason, "note", "a correction's reason"), storedText(given.author, "name", "a correction's author")];
        if (given.note !== undefined) texts.push(storedText(given.note, "note", "a correction's note"));
        const tooLong = texts.find((t) => t.problem)?.problem;
        if (tooLong) {
          problems.push(`${c.at}: ${tooLong}`);
          continue;
        }
        const [reason, author, note] = texts.map((t) => t.text.trim());
        const fix = { ...given, reason: reason!, author: author!, ...(note !== undefined ? { note } : {}) };
        const ck = correctionKey(fix);
        if (target.corrections?.has(ck)) {
          summary.corrections.skipped++;
          continue;
        }
        (target.corrections ??= new Set()).add(ck);
        if (fix.date !== undefined && cycle && (fix.date < cycle.start || fix.date > cycle.end)) {
          problems.push(`${c.at}: a correction moves the check-in to ${fix.date}, outside ${kr.ref}'s cycle ${cycle.name}`);
          continue;
        }
        corrections.push({ ...fix, id: newId(), checkInId: target.id, krId: kr.id, createdAt: now });
        summary.corrections.added++;
      }
    }
    return { checkIns, corrections };
  }
}

function sameObjective(a: Objective, b: Objective): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.team === b.team &&
    a.owner === b.owner &&
    a.cycleId === b.cycleId &&
    a.parentId === b.parentId &&
    a.committed === b.committed
  );
}

function sameKr(a: KeyResult, b: KeyResult): boolean {
  return (
    a.objectiveId === b.objectiveId &&
    a.title === b.title &&
    a.owner === b.owner &&
    a.kind === b.kind &&
    a.direction === b.direction &&
    a.unit === b.unit &&
    a.start === b.start &&
    a.target === b.target &&
    a.weight === b.weight &&
    (a.startDate ?? null) === (b.startDate ?? null) &&
    a.due === b.due
  );
}

function hasParentLoop(id: string, objectives: Map<string, Objective>): boolean {
  const seen = new Set<string>([id]);
  let cur = objectives.get(id)?.parentId ?? null;
  while (cur) {
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = objectives.get(cur)?.parentId ?? null;
  }
  return false;
}
