// search_okrs: full-text search over objectives, KR titles and check-in notes.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";

export const searchOkrs = defineTool({
  name: "search_okrs",
  title: "Search OKRs",
  description:
    'Use this to find an objective or key result from words a person used ("the retention KR", "churn survey"), English or Vietnamese. Searches titles and notes; returns refs.',
  input: z.object({
    query: z.string().min(1).describe("Words to look for"),
    limit: z.number().int().min(1).max(50).optional().describe("Default 10"),
  }),
  output: z.object({
    results: z.array(z.object({ kind: z.enum(["objective", "key_result", "check_in"]), ref: z.string(), title: z.string(), text: z.string() })),
  }),
  annotations: READ_ONLY,
  async run(args, ctx) {
    const results = await ctx.service.search(args.query, args.limit ?? 10);
    const text = results.length ? results.map((r) => `${r.ref} ${r.title}${r.kind === "check_in" ? ` (note: "${r.text}")` : ""}`).join("\n") : `Nothing matches "${args.query}".`;
    return { data: { results }, text };
  },
});
