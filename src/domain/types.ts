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

export type Role = "viewer" | "member" | "admin";
export const ROLES: readonly Role[] = ["viewer", "member", "admin"];

/** A person with a personal access token for the HTTP surfaces. Revisions like every entity: the
 *  latest one counts, and removing a user is a revision with `removedAt`. */
export interface User {
  id: string;
  name: string;
  role: Role;
  /** The teams a member may write to (exact team names); empty for viewers and admins. */
  teams: string[];
  /** SHA-256 (hex) of the token: the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: string;
  updatedAt: string;
  removedAt: string | null;
}

/** Where a write came from. */
export const SURFACES = ["cli", "cli-chat", "mcp-stdio", "mcp-http", "web", "web-chat"] as const;
export type Surface = (typeof SURFACES)[number];

/** One write, for the audit trail: who, what, when, through which surface. Stored in the same commit
 *  as the records it describes, so there is never one without the other. */
export interface AuditEntry {
  id: string;
  at: string;
  /** The user's name; for an unnamed caller (the local CLI, OKR_HTTP_TOKEN) what it is known by. */
  actor: string;
  role: Role;
  surface: Surface;
  /** What was done: log_check_in, correct_check_in, create_objective, add_key_result,
   *  update_key_result, create_cycle, import, add_user, remove_user, new_user_token, move_refs. */
  action: string;
  /** The refs (or user name) written. */
  target: string;
  /** A short account of the change, e.g. "53.4, confidence 4". */
  detail: string;
}
