// The neutral shape every import source (spreadsheet CSV, our JSON export, the demo generator) is
// turned into before the service checks it against the workspace and writes it in one commit.

import type { AuditEntry, CheckIn, CheckInCorrection, Cycle, KeyResult, Objective } from "../domain/types.js";
import { readNumber, valueProblem } from "../domain/values.js";

/** Where an item came from, for error messages: "okrs.csv:5" or "export.json objectives[2]". */
export type SourceAt = string;

export interface ImportCycle extends Omit<Cycle, "id"> {
  at: SourceAt;
}

/** Objectives and KRs as a file describes them: by ref instead of ids, without timestamps. */
export interface ImportObjective extends Omit<Objective, "id" | "ref" | "cycleId" | "parentId" | "createdAt" | "updatedAt"> {
  ref: string;
  cycle: string;
  parentRef: string | null;
  at: SourceAt;
}

export interface ImportKeyResult extends Omit<KeyResult, "id" | "objectiveId" | "startDate" | "createdAt" | "updatedAt"> {
  objectiveRef: string;
  /** When pace starts; undefined when the source has no such column (a stored one is kept). */
  startDate?: string | null;
  at: SourceAt;
}

/** A correction as an export carries it: no ids, no clock. */
export type ImportCorrection = Omit<CheckInCorrection, "id" | "checkInId" | "krId" | "createdAt">;

export interface ImportCheckIn extends Pick<CheckIn, "date" | "value" | "confidence" | "note" | "author"> {
  krRef: string;
  /** Corrections of this check-in, oldest first (JSON exports carry them). */
  corrections?: ImportCorrection[];
  at: SourceAt;
}

export interface ImportData {
  cycles: ImportCycle[];
  objectives: ImportObjective[];
  keyResults: ImportKeyResult[];
  checkIns: ImportCheckIn[];
  /** An export's audit trail: entries not stored yet are restored. */
  audit?: AuditEntry[];
}

export function emptyImport(): ImportData {
  return { cycles: [], objectives: [], keyResults: [], checkIns: [] };
}

/**
 * A number in a spreadsheet cell, read by the project's one number reader (domain/values.ts) as a
 * cell: plain decimals and exponents as a program writes them (53.4, 3.125, 1e5, .5), and what
 * people type into sheets (1,200,000, 53,4, 1.2M, 1,2 triệu, 1tr4). A lone dot is always a decimal
 * point here (3.125 stays 3.125). Rejects "", "0x1F", "12..3"; "52%" only when `percent` allows it.
 */
export function parseNumber(text: string, opts: { percent?: boolean } = {}): number | null {
  const n = readNumber(text, "cell");
  return n && (opts.percent || !n.percent) ? n.value : null;
}

/** A problem with a cell's number beyond being one (out of range), or null. */
export function numberProblem(column: string, value: number | null): string | null {
  return value === null ? null : valueProblem(value, column);
}

/** Refs are what people type: letters, digits, dots, dashes, underscores. */
export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
