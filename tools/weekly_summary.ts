// weekly_summary: the facts of a week's leadership summary and the summary written from them.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";
import { asOf, team } from "../src/mcp/schemas.js";

export const weeklySummary = defineTool({
  name: "weekly_summary",
  title: "Weekly leadership summary",
  description:
    'Use this for "write the leadership summary for this week". Returns the facts of the week ending asOf (id, refs, dates) and a summary citing fact ids. Numbers come from stored data; quoted notes are user text.',
  input: z.object({
    team,
    asOf: asOf.describe("Last day of the week; default today"),
    language: z.enum(["en", "vi"]).optional().describe("Language of the summary (default en)"),
  }),
  output: z.object({
    asOf: z.string(),
    weekStart: z.string(),
    team: z.string().nullable(),
    facts: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string(), refs: z.array(z.string()), dates: z.array(z.string()) })),
    summary: z.string(),
    grounded: z.boolean(),
  }),
  annotations: READ_ONLY,
  async run(args, ctx) {
    const w = await ctx.service.weeklySummary(args.asOf ?? ctx.today(), args.team, args.language ?? "en");
    return { data: { ...w, grounded: w.grounding.grounded }, text: w.summary };
  },
});
