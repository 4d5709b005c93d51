// The neutral shape every import source (spreadsheet CSV, our JSON export, the demo generator) is
// turned into before the service checks it against the workspace and writes it in one commit.

import type { Direction, KrKind } from "../domain/types.js";

/** Where an item came from, for error messages: "okrs.csv:5" or "export.json objectives[2]". */
export type SourceAt = string;

export interface ImportCycle {
  name: string;
  start: string;
  end: string;
  at: SourceAt;
}

export interface ImportObjective {
  ref: string;
  title: string;
  description: string;
  team: string;
  owner: string;
  cycle: string;
  parentRef: string | null;
  committed: boolean;
  at: SourceAt;
}

export interface ImportKeyResult {
  ref: string;
  objectiveRef: string;
  title: string;
  owner: string;
  kind: KrKind;
  direction: Direction;
  unit: string;
  start: number;
  target: number;
  weight: number | null;
  due: string | null;
  at: SourceAt;
}

export interface ImportCheckIn {
  krRef: string;
  date: string;
  value: number;
  confidence: number;
  note: string;
  author: string;
  at: SourceAt;
}

export interface ImportData {
  cycles: ImportCycle[];
  objectives: ImportObjective[];
  keyResults: ImportKeyResult[];
  checkIns: ImportCheckIn[];
}

export function emptyImport(): ImportData {
  return { cycles: [], objectives: [], keyResults: [], checkIns: [] };
}

/** A plain decimal number as a spreadsheet exports it; rejects "", "12%", "0x1F", "1,000". */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parseNumber(text: string): number | null {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

/** Refs are what people type: letters, digits, dots, dashes, underscores. */
export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
