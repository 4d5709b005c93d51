// Reads our own JSON export back into ImportData, reporting every problem with its JSON path.

import { z } from "zod";
import { tryParseDay } from "../domain/dates.js";
import { DIRECTIONS, KR_KINDS, ROLES, SURFACES } from "../domain/types.js";
import { MAX_VALUE } from "../domain/values.js";
import { EXPORT_FORMAT } from "./export-data.js";
import { REF_PATTERN, type ImportData } from "./import-data.js";

const date = z.string().refine((s) => tryParseDay(s) !== null, "must be a date as YYYY-MM-DD");
const ref = z.string().regex(REF_PATTERN, "must be letters, digits, dots or dashes (e.g. O3, KR2.1)");
const text = z.string().default("");

/** A stored number: finite and within ±MAX_VALUE (see domain/values.ts). */
const amount = z
  .number()
  .finite()
  .refine((x) => Math.abs(x) <= MAX_VALUE, `must be within ±${MAX_VALUE.toExponential()} (10^15)`);

const confidence = z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5");
const correction = z.object({
  action: z.enum(["correct", "retract"]),
  date: date.optional(),
  value: amount.optional(),
  confidence: confidence.optional(),
  note: z.string().optional(),
  reason: text,
  author: text,
});
const checkIn = z.object({
  date,
  value: amount,
  confidence,
  note: text,
  author: text,
  corrections: z.array(correction).optional(),
});
const keyResult = z.object({
  ref,
  title: z.string().min(1),
  owner: text,
  kind: z.enum(KR_KINDS as [string, ...string[]]),
  direction: z.enum(DIRECTIONS as [string, ...string[]]),
  unit: text,
  start: amount,
  target: amount,
  weight: z.number().positive().nullable().default(null),
  startDate: date.nullable().optional(),
  due: date.nullable().default(null),
  checkIns: z.array(checkIn).default([]),
});
const objective = z.object({
  ref,
  title: z.string().min(1),
  description: text,
  team: z.string().min(1),
  owner: text,
  cycle: z.string().min(1),
  parentRef: ref.nullable().default(null),
  committed: z.boolean().default(true),
  keyResults: z.array(keyResult).default([]),
});
const short = z.string().max(4000);
const auditEntry = z.object({
  id: z.string().min(1).max(100),
  at: z.iso.datetime({ offset: true }),
  actor: short,
  role: z.enum(ROLES),
  surface: z.enum(SURFACES),
  action: z.string().min(1).max(100),
  target: short,
  detail: short,
});
const document = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  cycles: z.array(z.object({ name: z.string().min(1), start: date, end: date })),
  objectives: z.array(objective),
  audit: z.array(auditEntry).optional(),
});

export function parseExportJson(file: string, content: string, into: ImportData, problems: string[]): void {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (e) {
    problems.push(`${file}: not valid JSON (${(e as Error).message})`);
    return;
  }
  const parsed = document.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file} ${jsonPath(issue.path)}: ${issue.message}`);
    return;
  }
  const doc = parsed.data;
  doc.cycles.forEach((c, i) => into.cycles.push({ ...c, at: `${file} cycles[${i}]` }));
  if (doc.audit?.length) (into.audit ??= []).push(...doc.audit);
  doc.objectives.forEach((o, i) => {
    const at = `${file} objectives[${i}]`;
    into.objectives.push({
      ref: o.ref,
      title: o.title,
      description: o.description,
      team: o.team,
      owner: o.owner,
      cycle: o.cycle,
      parentRef: o.parentRef,
      committed: o.committed,
      at,
    });
    o.keyResults.forEach((k, j) => {
      const kat = `${at}.keyResults[${j}]`;
      into.keyResults.push({
        ref: k.ref,
        objectiveRef: o.ref,
        title: k.title,
        owner: k.owner,
        kind: k.kind as never,
        direction: k.direction as never,
        unit: k.unit,
        start: k.start,
        target: k.target,
        weight: k.weight,
        due: k.due,
        at: kat,
        ...(k.startDate !== undefined ? { startDate: k.startDate } : {}),
      });
      k.checkIns.forEach((c, n) => into.checkIns.push({ krRef: k.ref, ...c, at: `${kat}.checkIns[${n}]` }));
    });
  });
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "(root)";
}
