// critique_objective: run the OKR critic on a draft without saving anything.

import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/mcp/tool.js";
import { finding, newKeyResult } from "../src/mcp/schemas.js";

export const critiqueObjective = defineTool({
  name: "critique_objective",
  title: "Critique a draft objective",
  description: "Use this while drafting an objective: what a coach would flag, and up to 3 ranked rewrites with the metric or deliverable as KRs. Saves nothing.",
  input: z.object({
    title: z.string().min(1).describe("Draft objective"),
    owner: z.string().optional().describe("Its owner"),
    team: z.string().optional().describe("Its team"),
    keyResults: z
      .array(newKeyResult.pick({ title: true, kind: true, start: true, target: true, owner: true }))
      .optional()
      .describe("Draft key results"),
    language: z.enum(["en", "vi"]).optional().describe("Default: the objective's"),
  }),
  output: z.object({
    findings: z.array(finding),
    rewrite: z
      .object({
        objective: z.string(),
        candidates: z.array(z.string()),
        keyResults: z.array(z.object({ title: z.string(), start: z.number().nullable(), target: z.number().nullable(), unit: z.string(), kind: z.string().optional() })),
      })
      .nullable(),
  }),
  annotations: READ_ONLY,
  async run(args, ctx) {
    const { findings, rewrite } = await ctx.service.critique(
      { title: args.title, owner: args.owner, team: args.team, keyResults: args.keyResults ?? [] },
      ctx.today(),
      args.language,
    );
    const text = findings.length ? findings.map((f) => `[${f.severity}] ${f.rule}: ${f.message}${f.suggestion ? ` ${f.suggestion}` : ""}`).join("\n") : "No problems found.";
    const options = rewrite ? `\nRewrites, best first: ${rewrite.candidates.map((c) => `"${c}"`).join("; ")}` : "";
    return { data: { findings, rewrite }, text: text + options };
  },
});
