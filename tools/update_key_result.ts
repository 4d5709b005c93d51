// update_key_result: change a KR's title, target, owner or due date, keeping its history.

import { z } from "zod";
import { OkrError } from "../src/domain/errors.js";
import { defineTool } from "../src/mcp/tool.js";
import { amount, date, dryRun, krQuery } from "../src/mcp/schemas.js";

export const updateKeyResult = defineTool({
  name: "update_key_result",
  title: "Update a key result",
  description:
    "Use this when the person asks to rename a key result, move its target, hand it to another owner or change its start or due date. The earlier version stays in history. Check-ins are not edited here.",
  input: z.object({
    keyResult: krQuery,
    title: z.string().min(1).optional().describe("New title"),
    target: amount("target", "target must be a number in the KR's unit, e.g. 60 or 1500000").optional().describe("New target"),
    owner: z.string().optional().describe("New owner"),
    due: date("due").nullable().optional().describe("New due date in the cycle; null clears"),
    startDate: date("startDate").nullable().optional().describe("When pace starts; null = cycle start"),
    dryRun,
  }),
  output: z.object({
    keyResult: z.object({ ref: z.string(), title: z.string(), target: z.number(), owner: z.string() }),
    changed: z.array(z.string()),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const { keyResult: query, dryRun, ...changes } = args;
    if (Object.values(changes).every((v) => v === undefined)) throw new OkrError("invalid_input", "Nothing to change: give a new title, target, owner, start date or due date.");
    const { keyResult, changed } = await ctx.service.updateKeyResult(query, changes, { dryRun, actor: ctx.actor });
    const text = changed.length
      ? `${dryRun ? "Would update" : "Updated"} ${keyResult.ref} (${changed.join(", ")}): ${keyResult.title}, target ${keyResult.target}, owner ${keyResult.owner || "none"}.`
      : `${keyResult.ref} already looks like that; nothing ${dryRun ? "would change" : "changed"}.`;
    return { data: { keyResult, changed }, text };
  },
});
