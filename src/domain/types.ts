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
  /** When pace starts counting; null = the cycle start. A KR added mid-cycle gets the day it was
   *  added, so it is not "behind" the moment it exists. */
  startDate: IsoDate | null;
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

/** A fix of one check-in, appended like everything else: the check-in stays in history and in
 *  exports, and every number reads it as corrected (`correct`) or as never made (`retract`).
 *  Several corrections of one check-in: the latest written wins. */
export interface CheckInCorrection {
  id: string;
  /** The check-in this supersedes (always the original's id, also when correcting again). */
  checkInId: string;
  krId: string;
  action: "correct" | "retract";
  /** The check-in as it should have been (for `correct`); fields left out keep the original's. */
  date?: IsoDate;
  value?: number;
  confidence?: number;
  note?: string;
  /** Why, in the corrector's words (optional). */
  reason: string;
  author: string;
  createdAt: string;
}

/** A check-in as every number reads it, with what it was corrected from when it was. */
export interface EffectiveCheckIn extends CheckIn {
  correctedFrom?: { value: number; confidence: number; date: IsoDate; note: string };
}
