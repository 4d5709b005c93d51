// critique_objective: run the OKR critic on a draft without saving anything.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";
import { finding, newKeyResult } from "../src/mcp/schemas.js";

export const critiqueObjective = defineTool({
  name: "critique_objective",
  title: "Critique a draft objective",
  description:
    "Use this while someone drafts an objective: returns what an OKR coach would flag and, for an objective carrying a metric, a rewrite with it moved into a key result (null start/target = to fill in). Saves nothing.",
  input: z.object({
    title: z.string().min(1).describe("Draft objective"),
    owner: z.string().optional().describe("Its owner"),
    team: z.string().optional().describe("Its team"),
    keyResults: z
      .array(newKeyResult.pick({ title: true, kind: true, start: true, target: true, owner: true }))
      .optional()
      .describe("Draft key results"),
    language: z.enum(["en", "vi"]).optional().describe("Language of the findings (default en)"),
  }),
  output: z.object({
    findings: z.array(finding),
    rewrite: z
      .object({ objective: z.string(), keyResults: z.array(z.object({ title: z.string(), start: z.number().nullable(), target: z.number().nullable(), unit: z.string() })) })
      .nullable(),
  }),
  annotations: READ_ONLY,
  async run(args, ctx) {
    const { findings, rewrite } = await ctx.service.critique(
      { title: args.title, owner: args.owner, team: args.team, keyResults: args.keyResults ?? [] },
      ctx.today(),
      args.language ?? "en",
    );
    const text = findings.length ? findings.map((f) => `[${f.severity}] ${f.rule}: ${f.message}${f.suggestion ? ` ${f.suggestion}` : ""}`).join("\n") : "No problems found.";
    return { data: { findings, rewrite }, text };
  },
});
