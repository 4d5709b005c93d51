// log_check_in: append a check-in (value, confidence, note) to a key result.

import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { statusText } from "../src/domain/wording.js";
import { checkInsOnDay, sameDayWarning } from "../src/service/same-day.js";
import { amount, confirm, date, dryRun, krQuery, pct, status } from "../src/mcp/schemas.js";

export const logCheckIn = defineTool({
  name: "log_check_in",
  title: "Log a check-in",
  description:
    'Use this when the person reports a new value for a key result, e.g. "log 53.4% for retention, confidence 4, emails shipped". Appends a check-in; returns progress and status before and after.',
  input: z.object({
    keyResult: krQuery,
    value: amount("value", "value must be a number in the KR's unit, e.g. 53.4 or 1200000").describe("New value in the KR's unit (53.4 for 53.4%)"),
    confidence: z
      .number({ error: "confidence must be a whole number from 1 (no chance) to 5 (certain)" })
      .int("confidence must be a whole number from 1 (no chance) to 5 (certain)")
      .min(1, "confidence must be a whole number from 1 (no chance) to 5 (certain)")
      .max(5, "confidence must be a whole number from 1 (no chance) to 5 (certain)")
      .optional()
      .describe("1 no chance … 5 certain; default the previous one"),
    note: z.string().max(2000).optional().describe("What happened, in their words"),
    date: date("date").optional().describe("YYYY-MM-DD in the cycle; default today"),
    author: z.string().optional().describe("Who is checking in"),
    confirm,
    dryRun,
  }),
  output: z.object({
    keyResult: z.object({ ref: z.string(), title: z.string() }),
    checkIn: z.object({ date: z.string(), value: z.number(), confidence: z.number(), author: z.string() }),
    confidenceCarriedOver: z.boolean(),
    before: z.object({ progress: z.number(), status }),
    after: z.object({ progress: z.number(), expected: z.number(), status }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const date = args.date ?? ctx.today();
    const sameDay = await checkInsOnDay(ctx.service, args.keyResult, date);
    const r = await ctx.service.checkIn(
      { kr: args.keyResult, value: args.value, confidence: args.confidence, note: args.note, date, author: args.author ?? ctx.author, confirmed: args.confirm },
      ctx.today(),
      { dryRun: args.dryRun, actor: ctx.actor },
    );
    const a = r.after;
    const withUnit = (v: number, u: string) => `${v}${u === "%" ? "%" : u ? ` ${u}` : ""}`;
    const warning = sameDayWarning(sameDay, date, {
      withUnit,
      anotherDay: "pass its date",
      fix: "To take this one back or correct a value instead of adding one, use correct_check_in",
    });
    return {
      data: { ...r, keyResult: { ref: a.ref, title: a.title, unit: a.unit } },
      text:
        `${args.dryRun ? "Would log" : "Logged"} ${withUnit(r.checkIn.value, a.unit)} on ${a.ref} ${a.title} for ${r.checkIn.date} (confidence ${r.checkIn.confidence}/5${r.confidenceCarriedOver ? ", kept from the last check-in" : ""}). ` +
        `Progress ${pct(r.before.progress)} → ${pct(a.progress)} (expected ${pct(a.expected)}); ${statusText(r.before.status)} → ${statusText(a.status)}.` +
        (warning ? ` Note: ${warning}` : ""),
    };
  },
});
