// query_lagging_key_results: the KRs most behind pace, with the reason for each.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";
import { OVERVIEW_VIEW } from "../src/mcp/apps.js";
import { statusText } from "../src/domain/wording.js";
import { asOf, krNumbers, pct, team } from "../src/mcp/schemas.js";

export const queryLaggingKeyResults = defineTool({
  name: "query_lagging_key_results",
  title: "Lagging key results",
  description:
    'Use this for "which KR is lagging most (this week)?" or "what\'s off track in Sales?". Returns open KRs most behind pace first (gap = expected − progress, fractions), with confidence, weekly change, staleness and a one-line reason.',
  input: z.object({
    team,
    owner: z.string().min(1).optional().describe("Only KRs this person owns"),
    limit: z.number().int().min(1).max(100).optional().describe("Default 5"),
    asOf,
  }),
  output: z.object({
    asOf: z.string(),
    keyResults: z.array(
      z.object({
        ...krNumbers,
        team: z.string(),
        weeklyDelta: z.number(),
        lastCheckIn: z.string().nullable(),
        reason: z.string(),
      }),
    ),
  }),
  annotations: READ_ONLY,
  ui: OVERVIEW_VIEW,
  async run(args, ctx) {
    const day = args.asOf ?? ctx.today();
    const keyResults = await ctx.service.lagging(day, { team: args.team, owner: args.owner, limit: args.limit ?? 5 });
    const text = keyResults.length
      ? keyResults.map((k, i) => `${i + 1}. ${k.ref} ${k.title} (${k.team}): ${pct(k.progress)} vs ${pct(k.expected)} expected, ${statusText(k.status)}; ${k.reason}`).join("\n")
      : "Nothing is lagging: every matching key result is completed.";
    return { data: { asOf: day, keyResults }, text: `Most behind pace as of ${day}:\n${text}` };
  },
});
