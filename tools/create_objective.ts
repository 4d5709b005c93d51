// create_objective: a new objective, optionally with its key results, in one write.

import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { objectiveHead } from "../src/service/views.js";
import { dryRun, finding, newKeyResult, objectiveQuery } from "../src/mcp/schemas.js";

export const createObjective = defineTool({
  name: "create_objective",
  title: "Create an objective",
  description:
    "Use this only after the person asked for this objective (or approved a draft): creates it, and its key results if given, in one write. Returns the new refs and the critic's findings.",
  input: z.object({
    title: z.string().min(1).describe("Short and qualitative, no numbers"),
    team: z.string().min(1).describe("Team (may be the whole company)"),
    owner: z.string().optional().describe("Accountable person"),
    cycle: z.string().optional().describe("Cycle name; default the current one"),
    parent: objectiveQuery.optional().describe("Objective it aligns under"),
    description: z.string().optional().describe("Why it matters"),
    committed: z.boolean().optional().describe("Default true; false = aspirational"),
    keyResults: z.array(newKeyResult).max(10).optional().describe("2–5 key results to create with it"),
    dryRun,
  }),
  output: z.object({
    objective: z.object({ ref: z.string(), title: z.string(), team: z.string(), cycle: z.string(), parentRef: z.string().nullable() }),
    keyResults: z.array(z.object({ ref: z.string(), title: z.string() })),
    findings: z.array(finding),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const today = ctx.today();
    // Critique the draft before it exists, so the team's objective count does not include it twice.
    const { findings } = await ctx.service.critique({ title: args.title, owner: args.owner, team: args.team, cycle: args.cycle, keyResults: args.keyResults ?? [] }, today);
    const { dryRun, ...o } = args;
    const { objective, keyResults } = await ctx.service.createObjective(o, today, { dryRun, actor: ctx.actor });
    const ws = await ctx.service.ws();
    const view = objectiveHead(ws, objective);
    const text =
      `${dryRun ? "Would create" : "Created"} ${objective.ref} "${objective.title}" (${objective.team}, ${view.cycle})` +
      (keyResults.length ? ` with ${keyResults.map((k) => k.ref).join(", ")}` : "") +
      (findings.length ? `. Critic: ${findings.map((f) => `[${f.severity}] ${f.message}`).join(" ")}` : ".");
    return { data: { objective: view, keyResults, findings }, text };
  },
});
