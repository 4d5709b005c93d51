// The OKR data model shared by every layer: plain data, no behaviour.

export type KrKind = "metric" | "milestone";
export type Direction = "increase" | "decrease" | "stay_above" | "stay_below";
export type Status = "completed" | "on_track" | "at_risk" | "off_track";

export const KR_KINDS: readonly KrKind[] = ["metric", "milestone"];
export const DIRECTIONS: readonly Direction[] = ["increase", "decrease", "stay_above", "stay_below"];

/** A calendar date as `YYYY-MM-DD`. All arithmetic happens on day numbers (see dates.ts). */
export type IsoDate = string;

export interface Cycle {
  id: string;
  name: string;
  start: IsoDate;
  end: IsoDate;
}

export interface Objective {
  id: string;
  ref: string;
  title: string;
  description: string;
  team: string;
  owner: string;
  cycleId: string;
  parentId: string | null;
  /** Committed OKRs are expected to reach 1.0; aspirational ones about 0.7. */
  committed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface KeyResult {
  id: string;
  ref: string;
  objectiveId: string;
  title: string;
  owner: string;
  kind: KrKind;
  direction: Direction;
  unit: string;
  start: number;
  target: number;
  weight: number | null;
  due: IsoDate | null;
  createdAt: string;
  updatedAt: string;
}

export interface CheckIn {
  id: string;
  krId: string;
  date: IsoDate;
  value: number;
  /** 1 = no chance … 5 = certain. */
  confidence: number;
  note: string;
  author: string;
  createdAt: string;
}
