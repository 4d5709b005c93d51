// Zod pieces the tool files share, so that a KR looks the same in every tool's output.

import { z } from "zod";
import { tryParseDay } from "../domain/dates.js";

export const date = (what: string) => z.string().refine((s) => tryParseDay(s) !== null, { message: `${what} must be a date as YYYY-MM-DD, e.g. 2026-11-26` });

export const asOf = date("asOf").optional().describe("YYYY-MM-DD; default today");
export const team = z.string().min(1).optional().describe("Only this team");
export const krQuery = z.string().min(1).describe("KR ref (KR2.1), id or unique title words");
export const objectiveQuery = z.string().min(1).describe("Objective ref (O3), id or unique title words");

/** Every write tool takes it: the same call, validated and answered the same way, but nothing is
 *  written (the agent previews a write with it before asking the person to approve it). */
export const dryRun = z.boolean().optional().describe("Preview, no write");

export const status = z.enum(["completed", "on_track", "at_risk", "off_track"]);
/** A status as people read it ("off track"); structured content keeps the enum. */
export const statusText = (s: z.infer<typeof status>) => s.replace("_", " ");
/** A KR with its numbers as of a date: what list and lagging outputs show for each KR.
 *  progress, expected and gap are fractions (0.615 = 61.5%); the tool descriptions say so once,
 *  to keep the catalog small. */
export const krNumbers = {
  ref: z.string(),
  title: z.string(),
  owner: z.string(),
  current: z.number(),
  target: z.number(),
  unit: z.string(),
  progress: z.number(),
  expected: z.number(),
  gap: z.number(),
  status,
  confidence: z.number().nullable(),
  stale: z.boolean(),
};

export const finding = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  span: z.object({ start: z.number(), end: z.number(), text: z.string() }).optional(),
  keyResult: z.number().optional(),
  suggestion: z.string().optional(),
});

export const newKeyResult = z.object({
  title: z.string().min(1).describe("What is measured"),
  kind: z.enum(["metric", "milestone"]).optional().describe("Default metric; milestone = 0/1"),
  direction: z.enum(["increase", "decrease", "stay_above", "stay_below"]).optional().describe("Default from start/target"),
  unit: z.string().optional().describe("%, USD, days…"),
  start: z.number().optional().describe("Baseline (default 0)"),
  target: z.number().optional().describe("Target (required for metrics)"),
  owner: z.string().optional().describe("Owner"),
  startDate: date("startDate").optional().describe("Pace starts; default today"),
  due: date("due").optional().describe("YYYY-MM-DD in the cycle"),
});

export const pct = (x: number) => `${Math.round(x * 100)}%`;
