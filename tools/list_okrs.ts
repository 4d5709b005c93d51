// list_okrs: objectives and their key results with progress and status.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";
import { OVERVIEW_VIEW } from "../src/mcp/apps.js";
import { statusText } from "../src/domain/wording.js";
import { asOf, krNumbers, pct, status, team } from "../src/mcp/schemas.js";

export const listOkrs = defineTool({
  name: "list_okrs",
  title: "List OKRs",
  description:
    'Use this to see objectives and their key results with progress vs expected and status, e.g. "show Sales\' OKRs". Filter by team, cycle or owner. Returns refs (O3, KR3.1) for other tools.',
  input: z.object({
    team,
    cycle: z.string().min(1).optional().describe("Only this cycle, e.g. 2026-Q4"),
    owner: z.string().min(1).optional().describe("Only objectives this person owns or has a KR in"),
    asOf,
  }),
  output: z.object({
    asOf: z.string(),
    objectives: z.array(
      z.object({
        ref: z.string(),
        title: z.string(),
        team: z.string(),
        owner: z.string(),
        cycle: z.string(),
        parentRef: z.string().nullable(),
        progress: z.number(),
        expected: z.number(),
        status: status.nullable(),
        keyResults: z.array(z.object(krNumbers)),
      }),
    ),
  }),
  annotations: READ_ONLY,
  ui: OVERVIEW_VIEW,
  async run(args, ctx) {
    const day = args.asOf ?? ctx.today();
    const objectives = await ctx.service.tree(day, args.team, { cycle: args.cycle, owner: args.owner });
    const text = objectives.length
      ? objectives
          .map((o) =>
            [
              `${o.ref} ${o.title} (${o.team}) ${pct(o.progress)}, ${o.status ? statusText(o.status) : "no KRs"}`,
              ...o.keyResults.map((k) => `  ${k.ref} ${k.title}: ${pct(k.progress)} (expected ${pct(k.expected)}), ${statusText(k.status)}`),
            ].join("\n"),
          )
          .join("\n")
      : "No objectives match.";
    return { data: { asOf: day, objectives }, text: `OKRs as of ${day}:\n${text}` };
  },
});
