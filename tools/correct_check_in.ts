// correct_check_in: fix or undo an earlier check-in with a correction record; history is kept.

import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { amount, confirm, date, dryRun, pct, status, statusText } from "../src/mcp/schemas.js";

const checkIn = z.object({ date: z.string(), value: z.number(), confidence: z.number() });

export const correctCheckIn = defineTool({
  name: "correct_check_in",
  title: "Correct or undo a check-in",
  description:
    'Use this when the person says a check-in was wrong ("that should have been 54", "undo my last check-in"), instead of logging a new one. The original stays in history.',
  input: z.object({
    keyResult: z.string().min(1).optional().describe("Default: the KR checked in last"),
    checkInId: z.string().optional().describe("Default: its latest"),
    of: date("of").optional().describe("The check-in dated this day"),
    retract: z.boolean().optional().describe("Undo it"),
    value: amount("value", "value must be a number in the KR's unit, e.g. 53.4 or 1200000").optional().describe("Right value"),
    confidence: z.number().int().min(1).max(5).optional().describe("Right confidence"),
    note: z.string().max(2000).optional().describe("Right note"),
    date: date("date").optional().describe("Right date"),
    onlyMine: z.boolean().optional().describe("Only my check-ins"),
    confirm,
    dryRun,
  }),
  output: z.object({
    action: z.enum(["correct", "retract"]),
    keyResult: z.object({ ref: z.string() }),
    checkIn: checkIn.extend({ id: z.string() }),
    corrected: checkIn.nullable(),
    after: z.object({ progress: z.number(), status }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const r = await ctx.service.correctCheckIn(
      {
        kr: args.keyResult,
        checkInId: args.checkInId,
        checkInDate: args.of,
        action: args.retract ? "retract" : "correct",
        value: args.value,
        confirmed: args.confirm,
        confidence: args.confidence,
        note: args.note,
        date: args.date,
        author: ctx.author,
        onlyBy: args.onlyMine ? ctx.author : undefined,
      },
      ctx.today(),
      { dryRun: args.dryRun, actor: ctx.actor },
    );
    const unit = (v: number) => `${v}${r.keyResult.unit === "%" ? "%" : r.keyResult.unit ? ` ${r.keyResult.unit}` : ""}`;
    const was = `${r.keyResult.ref}'s check-in of ${r.checkIn.date} (${unit(r.checkIn.value)}, confidence ${r.checkIn.confidence}/5)`;
    const what = r.corrected
      ? `${args.dryRun ? "Would correct" : "Corrected"} ${was} to ${unit(r.corrected.value)}, confidence ${r.corrected.confidence}/5${r.corrected.date !== r.checkIn.date ? `, dated ${r.corrected.date}` : ""}.`
      : `${args.dryRun ? "Would retract" : "Retracted"} ${was}.`;
    return {
      data: r,
      text: `${what} The original stays in history. Progress ${pct(r.before.progress)} → ${pct(r.after.progress)}; ${statusText(r.before.status)} → ${statusText(r.after.status)}.`,
    };
  },
});
