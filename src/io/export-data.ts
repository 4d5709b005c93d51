// The export formats: JSON (round-trips through import) and the two spreadsheet CSVs.
// Pure: built from entities and check-ins the service hands over; no ids, no clock, so that
// export → import into an empty directory → export gives the same JSON.

import { compareRefs } from "../domain/lagging.js";
import type { AuditEntry, CheckIn, CheckInCorrection, Cycle, KeyResult, Objective } from "../domain/types.js";
import type { ImportCorrection } from "./import-data.js";
import { toCsv } from "./csv.js";
import { CHECKIN_COLUMNS, CHECKIN_OPTIONAL_COLUMNS, OKR_COLUMNS, OKR_OPTIONAL_COLUMNS } from "./import-csv.js";

export const EXPORT_FORMAT = "okr-agent/export";
export const EXPORT_VERSION = 1;

/** A check-in as written, with its corrections (oldest first) when it has any: history is kept. */
export type ExportCheckIn = Pick<CheckIn, "date" | "value" | "confidence" | "note" | "author"> & { corrections?: ImportCorrection[] };

export interface ExportKeyResult extends Omit<KeyResult, "id" | "objectiveId" | "createdAt" | "updatedAt"> {
  checkIns: ExportCheckIn[];
}

export interface ExportObjective extends Omit<Objective, "id" | "cycleId" | "parentId" | "createdAt" | "updatedAt"> {
  cycle: string;
  parentRef: string | null;
  keyResults: ExportKeyResult[];
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  cycles: { name: string; start: string; end: string }[];
  objectives: ExportObjective[];
  /** Who wrote what, when, through which surface, oldest first (import restores it). Users are
   *  not exported: their tokens are secrets; after a restore, issue new ones (okr users add). */
  audit?: AuditEntry[];
}

export interface ExportSource {
  cycles: Iterable<Cycle>;
  objectives: Iterable<Objective>;
  keyResults: Iterable<KeyResult>;
  /** Check-ins as written, in (date, written) order. */
  checkIns: readonly CheckIn[];
  /** Their corrections, in written order. */
  corrections?: readonly CheckInCorrection[];
  audit?: readonly AuditEntry[];
}

export function buildExport(src: ExportSource): ExportDocument {
  const cycles = [...src.cycles];
  const cycleName = new Map(cycles.map((c) => [c.id, c.name]));
  const objectives = [...src.objectives].sort((a, b) => compareRefs(a.ref, b.ref));
  const objectiveRef = new Map(objectives.map((o) => [o.id, o.ref]));
  const fixes = new Map<string, ImportCorrection[]>();
  for (const x of src.corrections ?? []) {
    // Fixed key order, so export → import → export gives the same text.
    const fix = { action: x.action } as ImportCorrection;
    if (x.date !== undefined) fix.date = x.date;
    if (x.value !== undefined) fix.value = x.value;
    if (x.confidence !== undefined) fix.confidence = x.confidence;
    if (x.note !== undefined) fix.note = x.note;
    fix.reason = x.reason;
    fix.author = x.author;
    fixes.set(x.checkInId, [...(fixes.get(x.checkInId) ?? []), fix]);
  }
  const checkInsByKr = new Map<string, ExportCheckIn[]>();
  for (const c of src.checkIns) {
    let list = checkInsByKr.get(c.krId);
    if (!list) checkInsByKr.set(c.krId, (list = []));
    const corrections = fixes.get(c.id);
    list.push({ date: c.date, value: c.value, confidence: c.confidence, note: c.note, author: c.author, ...(corrections ? { corrections } : {}) });
  }
  const krsByObjective = new Map<string, ExportKeyResult[]>();
  for (const k of [...src.keyResults].sort((a, b) => compareRefs(a.ref, b.ref))) {
    let list = krsByObjective.get(k.objectiveId);
    if (!list) krsByObjective.set(k.objectiveId, (list = []));
    list.push({
      ref: k.ref,
      title: k.title,
      owner: k.owner,
      kind: k.kind,
      direction: k.direction,
      unit: k.unit,
      start: k.start,
      target: k.target,
      weight: k.weight,
      startDate: k.startDate ?? null,
      due: k.due,
      checkIns: checkInsByKr.get(k.id) ?? [],
    });
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    cycles: cycles.sort((a, b) => (a.start === b.start ? a.name.localeCompare(b.name) : a.start < b.start ? -1 : 1)).map((c) => ({ name: c.name, start: c.start, end: c.end })),
    objectives: objectives.map((o) => ({
      ref: o.ref,
      title: o.title,
      description: o.description,
      team: o.team,
      owner: o.owner,
      cycle: cycleName.get(o.cycleId) ?? "",
      parentRef: o.parentId ? (objectiveRef.get(o.parentId) ?? null) : null,
      committed: o.committed,
      keyResults: krsByObjective.get(o.id) ?? [],
    })),
    audit: [...(src.audit ?? [])],
  };
}

/** okrs.csv in the spreadsheet format import reads: one row per KR, objective columns repeated. */
export function okrsCsv(doc: ExportDocument): string {
  const cycles = new Map(doc.cycles.map((c) => [c.name, c]));
  const header = [...OKR_COLUMNS.slice(0, 7), "parent_objective_ref", ...OKR_COLUMNS.slice(7), ...OKR_OPTIONAL_COLUMNS.filter((c) => c !== "parent_objective_ref")];
  const rows: (string | number | null)[][] = [];
  for (const o of doc.objectives) {
    const c = cycles.get(o.cycle);
    for (const k of o.keyResults) {
      rows.push([
        o.cycle,
        c?.start ?? "",
        c?.end ?? "",
        o.team,
        o.ref,
        o.title,
        o.owner,
        o.parentRef ?? "",
        k.ref,
        k.title,
        k.owner,
        k.kind,
        k.direction,
        k.unit,
        k.start,
        k.target,
        o.description,
        o.committed ? "committed" : "aspirational",
        k.weight,
        k.startDate ?? "",
        k.due ?? "",
      ]);
    }
  }
  return toCsv(header, rows);
}

/** A check-in as its corrections leave it (the latest wins), or null when retracted. */
export function asCorrected(c: ExportCheckIn): ExportCheckIn | null {
  const fix = c.corrections?.at(-1);
  if (!fix) return c;
  if (fix.action === "retract") return null;
  return { date: fix.date ?? c.date, value: fix.value ?? c.value, confidence: fix.confidence ?? c.confidence, note: fix.note ?? c.note, author: c.author };
}

/** checkins.csv: one row per check-in, as corrected (a spreadsheet has no place for history; the
 *  JSON export keeps it). */
export function checkInsCsv(doc: ExportDocument): string {
  const rows: (string | number | null)[][] = [];
  for (const o of doc.objectives)
    for (const k of o.keyResults)
      for (const written of k.checkIns) {
        const c = asCorrected(written);
        if (c) rows.push([k.ref, c.date, c.value, c.confidence, c.author, c.note]);
      }
  return toCsv([...CHECKIN_COLUMNS, ...CHECKIN_OPTIONAL_COLUMNS], rows);
}
