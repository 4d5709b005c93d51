// Zod pieces the tool files share, so that a KR looks the same in every tool's output.

import { z } from "zod";
import { tryParseDay } from "../domain/dates.js";
import { readNumber } from "../domain/values.js";

export const date = (what: string) => z.string().refine((s) => tryParseDay(s) !== null, { message: `${what} must be a date as YYYY-MM-DD, e.g. 2026-11-26` });

/**
 * A value in a KR's unit. Models sometimes send one as text ("54", "54%", "1.2M", "53,4"): the
 * project's one number reader takes it the way `okr checkin` would (a % sign is dropped: the KR's
 * unit says what the number means), never Number(), which reads "53,4" as nothing and "1.2M" as
 * NaN. A spelling it cannot settle (45.200: thousands or a decimal point?) or text that is no number
 * is refused, naming the readings, so the model retries with a number or asks. tools/list still
 * says `number`: zod describes the schema after the preprocessing step.
 */
export const amount = (field: string, message: string) =>
  z.preprocess(
    (v, ctx) => {
      if (typeof v !== "string") return v;
      const read = readNumber(v);
      if (read?.ambiguous) {
        const asDecimal = readNumber(v, "cell")!.value;
        ctx.addIssue(`${field} "${v}" is ambiguous: ${read.value} (the dot groups thousands) or ${asDecimal} (a decimal point)? Send the number itself.`);
        return v;
      }
      return read ? read.value : v;
    },
    z.number({ error: message }),
  );

export const asOf = date("asOf").optional().describe("YYYY-MM-DD; default today");
export const team = z.string().min(1).optional().describe("Only this team");
export const krQuery = z.string().min(1).describe("KR ref (KR2.1), id or unique title words");
export const objectiveQuery = z.string().min(1).describe("Objective ref (O3), id or unique title words");

/** Every write tool takes it: the same call, validated and answered the same way, but nothing is
 *  written (the agent previews a write with it before asking the person to approve it). */
export const dryRun = z.boolean().optional().describe("Preview, no write");
/** A value far outside the KR's range is refused until the person confirms it (domain/values.ts farOff). */
export const confirm = z.boolean().optional().describe("Confirmed far-off value");

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
  start: z.number(),
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
  start: amount("start", "start must be a number, e.g. 40 or 1200000").optional().describe("Baseline (default 0)"),
  target: amount("target", "target must be a number, e.g. 55 or 1500000").optional().describe("Target (required for metrics)"),
  owner: z.string().optional().describe("Owner"),
  startDate: date("startDate").optional().describe("Pace starts; default today"),
  due: date("due").optional().describe("YYYY-MM-DD in the cycle"),
});

export const pct = (x: number) => `${Math.round(x * 100)}%`;
